import { describe, expect, it } from "vitest";
import { traceFileSchema } from "@/lib/core/trace/trace-file-schema";
import { buildAthenaColumns, quoteAthenaIdentifier } from "./athena-columns";

describe("buildAthenaColumns", () => {
  const columns = buildAthenaColumns();

  it("has one column per trace file field, in the file's order", () => {
    expect(columns.map((c) => c.split(" ")[0]?.replace(/`/g, ""))).toEqual(Object.keys(traceFileSchema.shape));
  });

  it("maps JSON types to Hive types, any-JSON to string text", () => {
    expect(columns).toContain("schemaVersion int");
    expect(columns).toContain("`timestamp` string");
    expect(columns).toContain("metadata map<string,string>");
    expect(columns).toContain("privacyMode boolean");
    const observations = columns.find((c) => c.startsWith("observations ")) ?? "";
    expect(observations).toMatch(/^observations array<struct<\n {4}id: string,/);
    for (const field of ["latencyMs: double", "input: string", "output: string", "cost: struct<total: double, prompt: double, completion: double>"]) {
      expect(observations).toContain(field);
    }
  });
});

describe("quoteAthenaIdentifier", () => {
  it("backticks reserved words only", () => {
    expect(quoteAthenaIdentifier("date")).toBe("`date`");
    expect(quoteAthenaIdentifier("dt")).toBe("dt");
  });
});
