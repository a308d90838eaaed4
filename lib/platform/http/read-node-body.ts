import type { IncomingMessage } from "node:http";
import type { LimitedBody } from "./read-limited-body";

// readLimitedBody for a node:http request: the same limit and the same UTF-8 rule, without turning
// the socket into a web stream first. Past the limit nothing more is kept; the rest is drained
// (the caller answers 413 and closes the connection).

const decoder = new TextDecoder("utf-8", { fatal: true });

export function readNodeBody(request: IncomingMessage, limit: number): Promise<LimitedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        cleanup();
        request.resume();
        resolve({ ok: false, reason: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
      try {
        resolve({ ok: true, text: decoder.decode(bytes) });
      } catch {
        resolve({ ok: false, reason: "invalid-utf8" });
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}
