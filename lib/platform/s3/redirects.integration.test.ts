import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testS3Connection } from "./test-connection";

// An allowlisted endpoint that answers every request with a redirect to a second server (standing in
// for a metadata service or an internal host). The S3 client must report the failure and never
// send anything to the redirect target.

let target: http.Server;
let redirector: http.Server;
let targetHits = 0;
let redirectStatus = 307;

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

let redirectorPort = 0;

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    targetHits += 1;
    res.end("<ok/>");
  });
  const targetPort = await listen(target);
  redirector = http.createServer((req, res) => {
    res.writeHead(redirectStatus, { location: `http://127.0.0.1:${targetPort}${req.url ?? "/"}` });
    res.end();
  });
  redirectorPort = await listen(redirector);
});

afterAll(async () => {
  await Promise.all([target, redirector].map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("redirects", () => {
  it.each([301, 302, 307, 308])("are not followed (%s)", async (status) => {
    redirectStatus = status;
    const result = await testS3Connection(
      {
        bucketName: "traces",
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${redirectorPort}`,
        accessKeyId: "AKIA",
        secretAccessKey: "secret",
        sessionToken: null,
        prefix: "p",
        pathTemplate: "p/{date}",
      },
      { allowedEndpoints: [{ host: "127.0.0.1", port: redirectorPort }] },
    );
    expect(result.ok).toBe(false);
    expect(targetHits).toBe(0);
  });
});
