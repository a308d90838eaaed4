import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIngestIssues, formatIssuePath, joinIngestIssues } from "./ingest-issues";

describe("formatIssuePath", () => {
  it("renders dotted keys and bracketed indexes", () => {
    expect(formatIssuePath(["traces", 3, "usage", "prompt_tokens"])).toBe("traces[3].usage.prompt_tokens");
    expect(formatIssuePath(["input", 0, 1])).toBe("input[0][1]");
  });
  it("quotes keys that are not identifiers", () => {
    expect(formatIssuePath(["trace", "a.b"])).toBe('trace["a.b"]');
    expect(formatIssuePath(["my key"])).toBe('["my key"]');
    expect(formatIssuePath(["trace", ""])).toBe('trace[""]');
  });
  it("names the root `body`", () => {
    expect(formatIssuePath([])).toBe("body");
  });
});

describe("formatIngestIssues", () => {
  const error = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error("expected failure");
    return result.error;
  };

  it("words zod's size checks for strings, arrays and numbers", () => {
    const schema = z.object({
      s: z.string().min(3).max(5).optional(),
      a: z.array(z.number()).min(2).max(3).optional(),
      n: z.number().gt(1).lt(5).optional(),
      m: z.number().min(2).max(4).optional(),
    });
    expect(joinIngestIssues(formatIngestIssues(error(schema, { s: "ab", a: [1], n: 1, m: 1 }), false))).toEqual([
      "s: must be at least 3 characters",
      "a: must contain at least 2 items",
      "n: must be greater than 1",
      "m: must be at least 2",
    ]);
    expect(joinIngestIssues(formatIngestIssues(error(schema, { s: "abcdef", a: [1, 2, 3, 4], n: 5, m: 5 }), false))).toEqual([
      "s: must be at most 5 characters",
      "a: must contain at most 3 items",
      "n: must be less than 5",
      "m: must be at most 4",
    ]);
    expect(formatIngestIssues(error(z.object({ s: z.string().max(1) }), { s: "ab" }), false)).toEqual([
      { path: "s", message: "must be at most 1 character" },
    ]);
  });

  it("falls back to a neutral message for codes it does not word", () => {
    expect(formatIngestIssues(error(z.object({ e: z.enum(["a", "b"]) }), { e: "c" }), false)).toEqual([
      { path: "e", message: "invalid value" },
    ]);
  });

  it("only strips the traces[0] wrapper for single-event bodies", () => {
    const schema = z.object({ traces: z.array(z.object({ id: z.string() })) });
    const err = error(schema, { traces: [{ id: 1 }] });
    expect(formatIngestIssues(err, false)).toEqual([{ path: "id", message: "expected a string" }]);
    expect(formatIngestIssues(err, true)).toEqual([{ path: "traces[0].id", message: "expected a string" }]);
  });
});
