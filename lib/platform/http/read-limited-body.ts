// Reads a request body up to a byte limit and stops reading the moment the limit is passed, so an
// oversized upload costs at most `limit` bytes of memory and is never parsed.

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "too-large" | "invalid-utf8" };

export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<LimitedBody> {
  if (!body) return { ok: true, text: "" };
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
  const bytes = Buffer.concat(chunks, total);
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: "invalid-utf8" };
  }
}
