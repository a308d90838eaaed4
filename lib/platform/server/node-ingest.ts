import type { IncomingMessage, ServerResponse } from "node:http";
import { apiContentSecurityPolicy, securityHeaders } from "@/lib/platform/http/fixed-headers.mjs";
import { readNodeBody } from "@/lib/platform/http/read-node-body";
import { runIngest, type IngestDeps, type IngestReply } from "@/lib/ingest/handle-ingest";
import { guardIngest, REPLIES } from "@/lib/ingest/serve-ingest";

// POST /api/v1/traces straight on node:http: the same handler as the Next.js route (runIngest),
// minus the Request/Response/web-stream objects Next builds for every request, which were a fifth
// of the server's CPU time under ingest load (docs/performance.md).

// What next.config.js gives /api/* answers: the fixed headers and the APIs' own CSP.
export const FIXED_HEADERS: Record<string, string> = {
  ...Object.fromEntries(securityHeaders.map(({ key, value }) => [key, value])),
  "Content-Security-Policy": apiContentSecurityPolicy,
};

export async function serveNativeIngest(request: IncomingMessage, response: ServerResponse, deps: IngestDeps): Promise<void> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  };
  // The same request id, metrics, shutdown gate and 503-on-failure as the route handler (serve-ingest.ts).
  const reply = await guardIngest("/api/v1/traces", header("x-request-id"), REPLIES, () =>
    runIngest({ header, readBody: (limit) => readNodeBody(request, limit) }, deps),
  );
  writeReply(response, reply);
}

export function writeReply(response: ServerResponse, reply: IngestReply): void {
  const text = JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    ...FIXED_HEADERS,
    ...reply.headers,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
  };
  // The rest of an oversized body is not worth reading on a kept-alive connection.
  if (reply.status === 413) headers.Connection = "close";
  response.writeHead(reply.status, headers);
  response.end(text);
}
