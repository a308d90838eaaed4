import { describe, expect, it } from "vitest";
import { operatorTunedHeap, withServerMemoryEnv, withServerNodeFlags } from "./server-env.mjs";

describe("withServerMemoryEnv", () => {
  it("sets a fixed glibc trim threshold and keeps everything else", () => {
    const env = { PATH: "/usr/bin", PORT: "3000" };
    expect(withServerMemoryEnv(env)).toEqual({ PATH: "/usr/bin", PORT: "3000", MALLOC_TRIM_THRESHOLD_: "131072" });
  });

  it("leaves an operator's own value alone, even an empty one", () => {
    expect(withServerMemoryEnv({ MALLOC_TRIM_THRESHOLD_: "4194304" }).MALLOC_TRIM_THRESHOLD_).toBe("4194304");
    expect(withServerMemoryEnv({ MALLOC_TRIM_THRESHOLD_: "" }).MALLOC_TRIM_THRESHOLD_).toBe("");
  });

  it("does not modify the object it is given", () => {
    const env: Record<string, string | undefined> = { A: "1" };
    withServerMemoryEnv(env);
    expect(env).toEqual({ A: "1" });
  });
});

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

describe("withServerNodeFlags", () => {
  it("starts the server with the heap growth rule, before the operator's flags", () => {
    expect(withServerNodeFlags()).toEqual(["--heap-growing-percent=50"]);
    expect(withServerNodeFlags(["--cpu-prof"], "--trace-warnings")).toEqual(["--heap-growing-percent=50", "--cpu-prof"]);
  });

  it("adds nothing when the operator tuned the heap on the command line or in NODE_OPTIONS", () => {
    expect(withServerNodeFlags(["--max-old-space-size=512"])).toEqual(["--max-old-space-size=512"]);
    expect(withServerNodeFlags([], "--max_old_space_size=256")).toEqual([]);
  });
});
