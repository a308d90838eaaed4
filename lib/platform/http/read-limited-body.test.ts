import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

function streamOf(chunks: Uint8Array[], onPull?: () => void) {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const next = chunks[i++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe("readLimitedBody", () => {
  it("returns the text of a body within the limit", async () => {
    const body = streamOf([Buffer.from('{"a":'), Buffer.from('"é"}')]);
    expect(await readLimitedBody(body, 1024)).toEqual({ ok: true, text: '{"a":"é"}' });
  });

  it("accepts exactly the limit and refuses one byte more", async () => {
    expect((await readLimitedBody(streamOf([new Uint8Array(10)]), 10)).ok).toBe(true);
    expect(await readLimitedBody(streamOf([new Uint8Array(6), new Uint8Array(5)]), 10)).toEqual({ ok: false, reason: "too-large" });
  });

  it("stops pulling as soon as the limit is passed", async () => {
    let pulls = 0;
    const chunks = Array.from({ length: 100 }, () => new Uint8Array(1024));
    await readLimitedBody(streamOf(chunks, () => pulls++), 4096);
    expect(pulls).toBeLessThan(10);
  });

  it("rejects invalid UTF-8", async () => {
    expect(await readLimitedBody(streamOf([Uint8Array.from([0xff, 0xfe])]), 10)).toEqual({ ok: false, reason: "invalid-utf8" });
  });

  it("treats a missing body as empty", async () => {
    expect(await readLimitedBody(null, 10)).toEqual({ ok: true, text: "" });
  });
});
