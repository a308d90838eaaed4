import http from "node:http";
import { PEER_HEADER } from "./client-address";

// The limits and request stamping every HTTP server of the app gets, in one place. A server we
// create ourselves calls applyServerLimits() and stampPeer() directly; under `next start`, which
// creates its server before our code runs and offers no hook, installServerGuards() (called at boot)
// applies both through http.Server's 'request' event.

export const SERVER_LIMITS = {
  /** Time for the request line and headers: a client trickling them in is cut off. */
  headersTimeoutMs: 15_000,
  /** Time for the whole request, body included (a 4 MiB OTLP body needs ~0.6 Mbit/s to make it). */
  requestTimeoutMs: 60_000,
} as const;

export type ServerLimits = { headersTimeoutMs: number; requestTimeoutMs: number };

export function applyServerLimits(server: http.Server, limits: ServerLimits = SERVER_LIMITS): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
}

/** Records the socket's address in PEER_HEADER, replacing whatever the client sent under that name. */
export function stampPeer(request: http.IncomingMessage): void {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
}

const INSTALLED = Symbol.for("broadcast.server-guards");

export function installServerGuards(limits: ServerLimits = SERVER_LIMITS): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  const limited = new WeakSet<http.Server>();
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      // Node reads both limits on every check of its connection list, so setting them now holds for
      // every later request; the first request gets the server's defaults (60 s, 300 s).
      if (!limited.has(this)) {
        limited.add(this);
        applyServerLimits(this, limits);
      }
      stampPeer(args[0] as http.IncomingMessage);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof proto.emit;
}
