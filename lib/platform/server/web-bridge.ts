import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { FIXED_HEADERS } from "./node-ingest";

// For framework-free handlers written as Request → Response (the OTLP endpoint): the production
// server calls them directly on node:http, without Next.js's router in between.

export type WebHandler = (request: Request) => Promise<Response>;

export async function serveWebHandler(request: IncomingMessage, response: ServerResponse, handler: WebHandler): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const webRequest = new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, {
    method: request.method,
    headers,
    ...(hasBody && { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: "half" }),
  } as RequestInit);
  const answer = await handler(webRequest);
  const out: Record<string, string | string[]> = { ...FIXED_HEADERS };
  answer.headers.forEach((value, name) => {
    out[name] = name === "set-cookie" ? answer.headers.getSetCookie() : value;
  });
  response.writeHead(answer.status, out);
  if (!answer.body) {
    response.end();
    return;
  }
  response.end(Buffer.from(await answer.arrayBuffer()));
}
