// Reads a request body up to a byte limit and stops reading the moment the limit is passed, so an
// oversized upload costs at most `limit` bytes of memory and is never parsed.

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "too-large" | "invalid-utf8" };

export type LimitedBytes = { ok: true; bytes: Buffer } | { ok: false; reason: "too-large" };

export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<LimitedBody> {
  const read = await readLimitedBytes(body, limit);
  if (!read.ok) return read;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(read.bytes) };
  } catch {
    return { ok: false, reason: "invalid-utf8" };
  }
}

/** The raw bytes, for bodies that are not text (protobuf, gzip). */
export async function readLimitedBytes(body: ReadableStream<Uint8Array> | null, limit: number): Promise<LimitedBytes> {
  if (!body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
