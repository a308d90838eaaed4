import { describe, expect, it } from "vitest";
import { withServerMemoryEnv } from "./server-env.mjs";

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
