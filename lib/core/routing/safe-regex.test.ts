import { describe, expect, it } from "vitest";
import { compileSafeRegex, MAX_REGEX_LENGTH } from "./safe-regex";

function compiled(pattern: string) {
  const result = compileSafeRegex(pattern);
  if (!result.ok) throw new Error(result.message);
  return result.regex;
}

describe("compileSafeRegex", () => {
  it("searches anywhere in the text, like RegExp.test", () => {
    expect(compiled("gpt-4").test("openai/gpt-4o")).toBe(true);
    expect(compiled("^gpt").test("openai/gpt-4o")).toBe(false);
  });

  it("runs a catastrophic-backtracking pattern in linear time instead of hanging", () => {
    // A backtracking engine needs ~2^100000 steps here; RE2 answers in one pass.
    const subject = `${"a".repeat(100_000)}!`;
    expect(compiled("(a+)+$").test(subject)).toBe(false);
    expect(compiled("(x+x+)+y").test("x".repeat(50_000))).toBe(false);
    expect(compiled("(a|aa)+$").test(`${"a".repeat(50_000)}b`)).toBe(false);
  });

  it.each([
    ["(", "missing closing )"],
    ["[a-", "missing closing ]"],
    ["(a)\\1", "invalid escape sequence"],
    ["(?=x)", "invalid or unsupported Perl syntax"],
    ["(?<!x)y", "invalid named capture"],
    ["a{1001}", "invalid repeat count"],
  ])("refuses %s with RE2's reason", (pattern, reason) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });

  it("refuses an empty pattern, an over-long one and one whose program is too large", () => {
    expect(compileSafeRegex("")).toEqual({ ok: false, message: "Enter a regular expression." });
    const alternatives = Array.from({ length: 40 }, (_, i) => `k${i}`).join("|"); // 159 characters, small program
    expect(compileSafeRegex(`(${alternatives})`).ok).toBe(true);
    expect(compileSafeRegex(`(${alternatives}|${"x".repeat(MAX_REGEX_LENGTH)})`)).toMatchObject({
      ok: false,
      message: `Regular expression must be at most ${MAX_REGEX_LENGTH} characters.`,
    });
    expect(compileSafeRegex("[ab]{100}").ok).toBe(true);
    expect(compileSafeRegex("[ab]{150}")).toMatchObject({ ok: false, message: expect.stringContaining("too complex") });
    expect(compileSafeRegex("(a[ab]{20}){6}")).toMatchObject({ ok: false, message: expect.stringContaining("too complex") });
  });

  it("returns the same answer from its cache", () => {
    expect(compileSafeRegex("^openai/")).toBe(compileSafeRegex("^openai/"));
  });
});
