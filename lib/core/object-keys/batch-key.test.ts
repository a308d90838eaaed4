import { describe, expect, it } from "vitest";
import { renderPathTemplate } from "@/lib/core/object-keys/path-template";
import { batchFileName, buildBatchObjectKey } from "./batch-key";

const id = "0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c";
const windowStart = new Date("2026-12-01T10:00:00.750Z");

describe("batch object keys", () => {
  it("names the file {windowStart epoch seconds}-{batchId}.json.gz", () => {
    expect(batchFileName(windowStart, id, true)).toBe(`1796119200-${id}.json.gz`);
    expect(batchFileName(windowStart, id, false)).toBe(`1796119200-${id}.json`);
  });

  it("puts it under the rendered path, Hive folders included", () => {
    const rendered = renderPathTemplate("{prefix}/dt={date}", { prefix: "traces", date: windowStart, apiKeyName: "app" });
    if (!rendered.ok) throw new Error("template did not render");
    expect(buildBatchObjectKey(rendered.path, windowStart, id, true)).toBe(`traces/dt=2026-12-01/1796119200-${id}.json.gz`);
    expect(buildBatchObjectKey("traces/2026-12-01/", windowStart, id, false)).toBe(`traces/2026-12-01/1796119200-${id}.json`);
  });

  it("is the same key for the same batch (a retry overwrites its own file)", () => {
    expect(buildBatchObjectKey("a", windowStart, id, true)).toBe(buildBatchObjectKey("a", new Date(windowStart), id, true));
  });

  it("refuses an id that is not a batch id", () => {
    expect(() => batchFileName(windowStart, "../evil", true)).toThrow(RangeError);
  });
});
