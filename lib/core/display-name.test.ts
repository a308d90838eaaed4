import { describe, expect, it } from "vitest";
import { displayNameProblem } from "./display-name";

describe("displayNameProblem", () => {
  it("accepts ordinary names in any script", () => {
    for (const name of ["prod-app", "Prod traces (EU)", "Données", "مفتاح", "鍵 1"]) expect(displayNameProblem(name)).toBeNull();
  });

  it("refuses bidi controls, invisible characters and control characters", () => {
    for (const name of ["evil\u202Eyek-", "a\u2066b\u2069", "a\u200Fb", "zero\u200Bwidth", "\uFEFFbom"]) {
      expect(displayNameProblem(name)).toMatch(/invisible or text-direction/);
    }
    expect(displayNameProblem("tab\there")).toMatch(/control characters/);
  });
});
