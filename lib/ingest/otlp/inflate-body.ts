import { gunzip } from "node:zlib";

export type Inflated = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large" | "invalid-gzip" };

/**
 * Decompresses a gzip body, stopping as soon as the output passes `limit`: zlib inflates in
 * small chunks and maxOutputLength aborts at the first chunk past it, so a gzip bomb costs at most
 * `limit` bytes of memory and the time to inflate them, never its full size.
 */
export function inflateGzip(compressed: Buffer, limit: number): Promise<Inflated> {
  return new Promise((resolve) => {
    gunzip(compressed, { maxOutputLength: Math.max(1, limit) }, (error, bytes) => {
      if (!error) resolve(bytes.byteLength > limit ? { ok: false, reason: "too-large" } : { ok: true, bytes });
      else resolve({ ok: false, reason: (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? "too-large" : "invalid-gzip" });
    });
  });
}
