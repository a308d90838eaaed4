import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER } from "./client-address";
import { installServerGuards, SERVER_LIMITS } from "./server-guards";

// The guards as `next start` gets them: installed on http.Server after the server exists.

let server: http.Server;
let port: number;
let seenPeer: string | undefined;

beforeAll(async () => {
  // Node checks its connection list every connectionsCheckingInterval (30 s by default); short here.
  server = http.createServer({ connectionsCheckingInterval: 50 }, (request, response) => {
    seenPeer = request.headers[PEER_HEADER] as string | undefined;
    request.resume();
    request.on("end", () => response.end("ok"));
  });
  installServerGuards({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Opens a POST and trickles its body one byte per 100 ms; resolves with what the server answered once it closed. */
function trickle(): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => {
      clearInterval(timer);
      resolve(answer);
    });
    socket.on("error", () => {});
    socket.write(`POST /api/v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n${PEER_HEADER}: 6.6.6.6\r\n\r\n`);
    const timer = setInterval(() => socket.write("x"), 100);
  });
}

describe("server guards", () => {
  it("has one set of production limits: headers within 15 s, the whole request within 60 s", () => {
    expect(SERVER_LIMITS).toEqual({ headersTimeoutMs: 15_000, requestTimeoutMs: 60_000 });
  });

  it("closes a request whose body arrives at a trickle, answering 408", async () => {
    await new Promise<void>((resolve) => http.get({ port, host: "127.0.0.1", path: "/" }, (r) => r.resume().on("end", resolve)));
    expect(await trickle()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("stamps the socket's address over any peer header the client sent", async () => {
    const peer = await new Promise<string | undefined>((resolve) =>
      http.get({ port, host: "127.0.0.1", path: "/", headers: { [PEER_HEADER]: "6.6.6.6" } }, (r) => r.resume().on("end", () => resolve(seenPeer))),
    );
    expect(peer).toBe("127.0.0.1");
  });
});
