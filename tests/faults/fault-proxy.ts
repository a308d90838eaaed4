import { randomBytes } from "node:crypto";
import http from "node:http";
import type { Socket } from "node:net";
import { LOOPBACK } from "../s3/free-port";

/**
 * A fault-injecting reverse proxy on 127.0.0.1 in front of a real S3 server (s3rver or RGW).
 * Point an S3 client's endpoint at `endpoint`; switch the fault at run time with setMode,
 * failNext or setRule. Requests are forwarded with their Host header untouched, so SigV4
 * signatures made for the proxy's address still verify on RGW.
 *
 *   pass       forward as is
 *   500        InternalError, S3 XML body
 *   503        SlowDown, S3 XML body
 *   403        AccessDenied, S3 XML body
 *   latency    wait `latencyMs`, then forward
 *   reset      TCP reset on the client's connection
 *   blackhole  read the request, never answer
 */
export type Fault = "pass" | "500" | "503" | "403" | "latency" | "reset" | "blackhole";

export type RecordedRequest = {
  /** Date.now() when the request's headers arrived. */
  at: number;
  method: string;
  /** Path without the query string, e.g. /traces/some/key.json */
  path: string;
  query: string;
  /** As received, lower-case names (what a server would see: x-amz-server-side-encryption, …). */
  headers: http.IncomingHttpHeaders;
  fault: Fault;
};

export type FaultRule = (request: { method: string; path: string; index: number }) => Fault | null;

export type FaultProxy = {
  endpoint: string;
  port: number;
  /** Every request seen, in arrival order. */
  readonly requests: RecordedRequest[];
  setMode(mode: Fault, opts?: { latencyMs?: number }): void;
  /** The next `count` requests get `fault`; then the current mode applies again. */
  failNext(count: number, fault: Fault): void;
  /** Decides per request before failNext and the mode; return null to fall through. */
  setRule(rule: FaultRule | null): void;
  clearRequests(): void;
  close(): Promise<void>;
};

const S3_ERRORS: Record<"500" | "503" | "403", { status: number; code: string; message: string }> = {
  "500": { status: 500, code: "InternalError", message: "We encountered an internal error. Please try again." },
  "503": { status: 503, code: "SlowDown", message: "Please reduce your request rate." },
  "403": { status: 403, code: "AccessDenied", message: "Access Denied" },
};

export async function startFaultProxy(upstreamEndpoint: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamEndpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  let mode: Fault = "pass";
  let latencyMs = 0;
  let forced: { count: number; fault: Fault } | null = null;
  let rule: FaultRule | null = null;

  const pick = (method: string, path: string): Fault => {
    const fromRule = rule?.({ method, path, index: requests.length });
    if (fromRule) return fromRule;
    if (forced && forced.count > 0) {
      forced.count--;
      return forced.fault;
    }
    return mode;
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    const method = req.method ?? "GET";
    const fault = pick(method, url.pathname);
    requests.push({ at: Date.now(), method, path: decodeURIComponent(url.pathname), query: url.search, headers: req.headers, fault });
    switch (fault) {
      case "pass":
        return forward(req, res);
      case "latency": {
        const delay = latencyMs;
        setTimeout(() => forward(req, res), delay);
        return;
      }
      case "reset":
        req.socket.resetAndDestroy();
        return;
      case "blackhole":
        req.resume();
        return;
      default: {
        const error = S3_ERRORS[fault];
        // Read the whole upload first, as S3 does, so the client sees the answer, not EPIPE.
        req.resume();
        req.on("end", () => {
          const body =
            method === "HEAD"
              ? ""
              : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message>` +
                `<Resource>${escapeXml(url.pathname)}</Resource><RequestId>${randomBytes(8).toString("hex").toUpperCase()}</RequestId></Error>`;
          res.writeHead(error.status, {
            "Content-Type": "application/xml",
            "Content-Length": Buffer.byteLength(body),
            "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(),
          });
          res.end(body);
        });
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A reset or black-holed client is expected here; its errors are not the proxy's.
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("could not read the proxy's port");

  return {
    endpoint: `http://${LOOPBACK}:${address.port}`,
    port: address.port,
    requests,
    setMode(next, opts = {}) {
      mode = next;
      latencyMs = opts.latencyMs ?? latencyMs;
      forced = null;
    },
    failNext(count, fault) {
      forced = { count, fault };
    },
    setRule(next) {
      rule = next;
    },
    clearRequests() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
