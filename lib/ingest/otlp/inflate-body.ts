import { gunzipSync } from "node:zlib";

export type Inflated = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large" | "invalid-gzip" };

/**
 * Decompresses a gzip body, stopping as soon as the output passes `limit`, so a gzip bomb costs at
 * most `limit` bytes of memory and the time to inflate them, never its full size. Synchronous on
 * purpose: the sync call stops at the first output chunk past the limit (a 1 GiB bomb took ~2–4 ms
 * here), while the callback form kept inflating in the thread pool after the limit (60–190 ms for
 * the same bomb). The event loop is held for at most `limit` bytes of inflation.
 */
export function inflateGzip(compressed: Buffer, limit: number): Inflated {
  try {
    const bytes = gunzipSync(compressed, { maxOutputLength: Math.max(1, limit) });
    return bytes.byteLength > limit ? { ok: false, reason: "too-large" } : { ok: true, bytes };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? "too-large" : "invalid-gzip" };
  }
}
