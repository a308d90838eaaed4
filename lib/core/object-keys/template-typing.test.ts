import { describe, expect, it } from "vitest";
import { completeVariable, templateTypingAt, templateWarnings } from "./template-typing";

describe("templateTypingAt", () => {
  it("offers every variable right after a lone {", () => {
    const typing = templateTypingAt("traces/{", 8);
    expect(typing).toEqual({ kind: "choosing-variable", start: 7, partial: "", candidates: ["prefix", "date", "year", "month", "day", "apiKeyName"] });
  });

  it("narrows the list as the name is typed, ignoring case", () => {
    expect(templateTypingAt("{d", 2)).toMatchObject({ partial: "d", candidates: ["date", "day"] });
    expect(templateTypingAt("{da", 3)).toMatchObject({ candidates: ["date", "day"] });
    expect(templateTypingAt("{dat", 4)).toMatchObject({ candidates: ["date"] });
    expect(templateTypingAt("{API", 4)).toMatchObject({ candidates: ["apiKeyName"] });
  });

  it("still counts as typing when nothing matches (the error waits until the person moves on)", () => {
    expect(templateTypingAt("{foo", 4)).toMatchObject({ kind: "choosing-variable", partial: "foo", candidates: [] });
  });

  it("is idle once the brace is closed, before any brace, or after a slash", () => {
    expect(templateTypingAt("{date}", 6)).toEqual({ kind: "idle" });
    expect(templateTypingAt("traces", 6)).toEqual({ kind: "idle" });
    expect(templateTypingAt("{date/x", 7)).toEqual({ kind: "idle" });
  });

  it("is idle when the caret is inside a brace that is already closed", () => {
    expect(templateTypingAt("{date}", 3)).toEqual({ kind: "idle" });
  });

  it("is typing when the caret is inside an unclosed brace followed by a folder", () => {
    expect(templateTypingAt("{da/rest", 3)).toMatchObject({ kind: "choosing-variable", partial: "da" });
  });

  it("treats an out-of-range caret as idle", () => {
    expect(templateTypingAt("{", 5)).toEqual({ kind: "idle" });
    expect(templateTypingAt("{", -1)).toEqual({ kind: "idle" });
  });
});

describe("completeVariable", () => {
  it("replaces the partial name with the whole variable and moves the caret past it", () => {
    const template = "traces/{da/rest";
    const typing = templateTypingAt(template, 10);
    if (typing.kind !== "choosing-variable") throw new Error("expected typing");
    expect(completeVariable(template, 10, typing, "date")).toEqual({ value: "traces/{date}/rest", caret: 13 });
  });
});

describe("templateWarnings", () => {
  it("warns about spaces and non-ASCII in either field, and says which", () => {
    expect(templateWarnings({ pathTemplate: "my traces/{date}", prefix: "équipe" })).toEqual([
      { field: "pathTemplate", message: expect.stringContaining("spaces") },
      { field: "prefix", message: expect.stringContaining("non-ASCII") },
    ]);
  });
  it("has nothing to say about plain ASCII", () => {
    expect(templateWarnings({ pathTemplate: "{prefix}/{date}", prefix: "openrouter-traces" })).toEqual([]);
  });
});
