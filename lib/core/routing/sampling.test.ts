import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSampledIn, samplingPositionOf } from "./sampling";

describe("samplingPositionOf", () => {
  it("is a fixed function of the trace id", () => {
    // Checked against Node's own SHA-256 (tests may use node:crypto; the core may not): a
    // change here would move every trace in or out of every sampled destination.
    for (const id of ["trace-1", "0193c6f2-7a8e-7b3c-9d1e-2f4a5b6c7d8e", "é🙂"]) {
      const top53 = createHash("sha256").update(id, "utf8").digest().readBigUInt64BE(0) >> 11n;
      expect(samplingPositionOf(id)).toBe(Number(top53) / 2 ** 53);
    }
    expect(samplingPositionOf("trace-1")).toBe(samplingPositionOf("trace-1"));
    expect(samplingPositionOf("trace-1")).not.toBe(samplingPositionOf("trace-2"));
  });

  it("stays in [0, 1), also for empty and non-ASCII ids", () => {
    for (const id of ["", "é", "🙂", "x".repeat(256)]) {
      const position = samplingPositionOf(id);
      expect(position).toBeGreaterThanOrEqual(0);
      expect(position).toBeLessThan(1);
    }
  });
});

describe("isSampledIn", () => {
  it("keeps every trace at rate 1", () => {
    for (let i = 0; i < 1000; i++) expect(isSampledIn(1, `trace-${i}`)).toBe(true);
  });

  it.each([0.5, 0.1, 0.01])("keeps a share of 100,000 sequential ids within one percentage point of rate %s", (rate) => {
    let kept = 0;
    for (let i = 0; i < 100_000; i++) if (isSampledIn(rate, `trace-${i}`)) kept++;
    expect(Math.abs(kept / 100_000 - rate)).toBeLessThan(0.01);
  });

  it("keeps a smaller rate's traces inside a larger rate's, so raising the rate only adds traces", () => {
    for (let i = 0; i < 2000; i++) {
      const id = `uuid-like-${i.toString(16).padStart(8, "0")}`;
      if (isSampledIn(0.1, id)) expect(isSampledIn(0.5, id)).toBe(true);
    }
  });
});
