import { describe, expect, it } from "vitest";
import { FIXED_FIELDS, fieldKindOf, metadataKeyOf, OPERATORS, operatorsFor } from "./routing-fields";

describe("fieldKindOf", () => {
  it.each([
    ["model", "text"],
    ["api_key_name", "text"],
    ["input", "content"],
    ["output", "content"],
    ["total_cost", "number"],
    ["completion_tokens", "number"],
    ["metadata.env", "metadata"],
    ["metadata.a.b", "metadata"],
    ["metadata.", null],
    [`metadata.${"k".repeat(129)}`, null],
    ["Model", null],
    ["metadata", null],
  ])("%s → %s", (field, kind) => expect(fieldKindOf(field)).toBe(kind));

  it("knows all twelve fixed fields", () => {
    expect(FIXED_FIELDS).toHaveLength(12);
    for (const field of FIXED_FIELDS) expect(fieldKindOf(field)).not.toBeNull();
  });
});

describe("metadataKeyOf", () => {
  it("takes the rest of the name whole", () => {
    expect(metadataKeyOf("metadata.a.b")).toBe("a.b");
    expect(metadataKeyOf("model")).toBeNull();
  });
});

describe("operatorsFor", () => {
  it("keeps number comparisons off text and text matching off numbers", () => {
    expect(operatorsFor("text")).not.toContain("gt");
    expect(operatorsFor("content")).not.toContain("lte");
    expect(operatorsFor("number")).not.toContain("contains");
    expect(operatorsFor("number")).not.toContain("regex");
    expect(operatorsFor("metadata")).toEqual(OPERATORS);
    for (const kind of ["text", "content", "number"] as const) {
      expect(operatorsFor(kind)).toEqual(expect.arrayContaining(["equals", "not_equals", "exists", "not_exists"]));
    }
  });
});
