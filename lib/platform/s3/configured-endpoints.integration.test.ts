import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { createS3Client, type S3Settings } from "./create-s3-client";
import { testS3Connection } from "./test-connection";

// The server's own AWS configuration must never steer a destination's PUT: AWS_ENDPOINT_URL_S3,
// AWS_ENDPOINT_URL and endpoint_url in an AWS config file all point at a recording loopback server
// (the guard never sees such an endpoint), which must receive nothing.

const s3rver = inject("s3rver");
const NAMES = ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_REGION"] as const;
const saved = new Map<string, string | undefined>();
let recorder: http.Server;
const recorded: string[] = [];
let configDir = "";

beforeAll(async () => {
  recorder = http.createServer((req, res) => {
    recorded.push(`${req.method} ${req.url}`);
    req.resume();
    res.end();
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  configDir = await mkdtemp(path.join(os.tmpdir(), "broadcast-aws-config-"));
  const configFile = path.join(configDir, "config");
  await writeFile(
    configFile,
    `[default]\nregion = eu-west-3\nendpoint_url = ${url}\nservices = rec\n\n[services rec]\ns3 =\n  endpoint_url = ${url}\n`,
  );
  await writeFile(path.join(configDir, "credentials"), "[default]\naws_access_key_id = AKIAFROMFILE\naws_secret_access_key = from-file\n");
  for (const name of NAMES) saved.set(name, process.env[name]);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL: url,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: path.join(configDir, "credentials"),
    AWS_PROFILE: "default",
    AWS_REGION: "eu-west-3",
  });
});

afterAll(async () => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => recorder.close(resolve));
  await rm(configDir, { recursive: true, force: true });
});

const s3rverPort = () => Number(new URL(s3rver.endpoint).port);

describe("configured endpoint URLs in the server's environment", () => {
  it("do not divert Test Connection: the PUT lands on the destination's endpoint", async () => {
    const result = await testS3Connection(
      {
        bucketName: "traces",
        region: "us-east-1",
        endpoint: s3rver.endpoint,
        accessKeyId: s3rver.accessKeyId,
        secretAccessKey: s3rver.secretAccessKey,
        sessionToken: null,
        prefix: "configured-endpoints",
        pathTemplate: "configured-endpoints/{date}",
      },
      { allowedEndpoints: [{ host: "127.0.0.1", port: s3rverPort() }] },
    );
    expect(result).toMatchObject({ ok: true });
    const body = await getObjectText(createTestS3Client(s3rver), "traces", (result as { key: string }).key);
    expect(JSON.parse(body).type).toBe("broadcast.connection-test");
    expect(recorded).toEqual([]);
  });

  it("do not divert an AWS destination (no Custom Endpoint): it still aims at Amazon S3, via the guard", async () => {
    // A stub resolver stands in for DNS and refuses, so nothing is dialled; it records the name asked.
    const asked: string[] = [];
    const settings: S3Settings = { bucketName: "traces", region: "us-east-1", endpoint: "", accessKeyId: "AKIA", secretAccessKey: "s", sessionToken: null };
    const client = createS3Client(settings, {
      allowedEndpoints: [],
      timeoutMs: 5000,
      resolve: async (hostname) => {
        asked.push(hostname);
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      },
    });
    try {
      const error = await client.send(new PutObjectCommand({ Bucket: "traces", Key: "k.json", Body: "{}" })).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe("ENOTFOUND");
      expect(asked).toEqual(["traces.s3.us-east-1.amazonaws.com"]);
      expect(recorded).toEqual([]);
      // Nor did the config file's region or credentials replace the destination's own.
      expect(await client.config.region()).toBe("us-east-1");
      expect((await client.config.credentials()).accessKeyId).toBe("AKIA");
    } finally {
      client.destroy();
    }
  });
});
