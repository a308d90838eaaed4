import { describe, expect, it } from "vitest";
import { operatorTunedHeap } from "./heap-tuning";

describe("operatorTunedHeap", () => {
  it("leaves the heap alone when the operator set a heap flag, in either spelling or place", () => {
    expect(operatorTunedHeap(["--max-old-space-size=512"], "")).toBe(true);
    expect(operatorTunedHeap([], "--enable-source-maps --max_old_space_size=256")).toBe(true);
    expect(operatorTunedHeap(["--heap-growing-percent=20"], "")).toBe(true);
    expect(operatorTunedHeap([], "--max-heap-size=300")).toBe(true);
  });

  it("tunes when nothing about the heap was said", () => {
    expect(operatorTunedHeap([], "")).toBe(false);
    expect(operatorTunedHeap(["--enable-source-maps"], "--trace-warnings")).toBe(false);
    expect(operatorTunedHeap(["--max-semi-space-size=8"], "")).toBe(false);
  });
});
