import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { applyServerLimits, stampPeer } from "@/lib/platform/http/server-guards";

// The production HTTP server (docs/architecture.md, "The production server"): one node:http
// listener that serves the ingest endpoints itself and hands every other request to Next.js.
// Gateways send one request per LLM call, and Next's per-request machinery (router, web streams,
// AsyncLocalStorage, AbortSignal) cost more than the ingest work itself.

export type FastRoute = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export type BroadcastServerOptions = {
  /** Exact pathnames answered here for POST; everything else goes to `fallback`. */
  fastRoutes: Record<string, FastRoute>;
  fallback: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;
  log?: (message: string) => void;
};

export type BroadcastServer = {
  server: http.Server;
  listen(port: number, hostname?: string): Promise<number>;
  /** Stops accepting, lets requests in progress finish, closes idle keep-alive connections. */
  close(): Promise<void>;
};

export function createBroadcastServer(options: BroadcastServerOptions): BroadcastServer {
  const log = options.log ?? ((message) => console.error(`[broadcast] ${message}`));
  const server = http.createServer((request, response) => {
    // Before either path: rate limits and the audit log read the socket's address from this header.
    stampPeer(request);
    const route = request.method === "POST" ? options.fastRoutes[pathnameOf(request.url)] : undefined;
    if (!route) return void options.fallback(request, response);
    route(request, response).catch((error: unknown) => {
      // The same answer Next.js gives for a route handler that throws: a bare 500, details in the log.
      log(`${request.method} ${pathnameOf(request.url)} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!response.headersSent) response.writeHead(500, { "Content-Length": "0" });
      response.end();
    });
  });
  applyServerLimits(server);
  let closing: Promise<void> | null = null;
  return {
    server,
    listen: (port, hostname) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, hostname, () => {
          server.off("error", reject);
          resolve((server.address() as { port: number }).port);
        });
      }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function pathnameOf(url: string | undefined): string {
  if (!url) return "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
