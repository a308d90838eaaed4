import { describe, expect, it } from "vitest";
import { analyzeQueryLayout, isCompressedLayout, type QueryTarget } from "./query-layout";

const layoutOf = (pathTemplate: string, over: Partial<QueryTarget> = {}) => {
  const result = analyzeQueryLayout({ bucket: "b", prefix: "team/traces", pathTemplate, fileLayout: "per_trace", gzip: false, ...over });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.layout;
};

describe("analyzeQueryLayout", () => {
  it("keeps literal folders before the first variable as the root, prefix included", () => {
    expect(layoutOf("{prefix}/raw/{date}/x").root).toBe("team/traces/raw/");
    expect(layoutOf("{apiKeyName}/{date}").root).toBe("");
    expect(layoutOf("{prefix}").root).toBe("team/traces/");
  });

  it("binds Hive folders to their names and other variables to default names", () => {
    const layout = layoutOf("{prefix}/key={apiKeyName}/{year}-{month}/v={date}");
    expect(layout.columns).toEqual([
      { name: "key", variable: "apiKeyName", fromHiveFolder: true },
      { name: "v", variable: "date", fromHiveFolder: true },
      { name: "year", variable: "year", fromHiveFolder: false },
      { name: "month", variable: "month", fromHiveFolder: false },
    ]);
    expect(layout.folders[1]).toEqual([
      { variable: "year", column: "year" },
      "-",
      { variable: "month", column: "month" },
    ]);
    expect(layout.hasHiveFolders).toBe(true);
  });

  it("does not bind a mixed value to the Hive name, but keeps every Hive name out of the defaults", () => {
    const layout = layoutOf("dt=day-{date}");
    expect(layout.columns).toEqual([{ name: "dt_2", variable: "date", fromHiveFolder: false }]);
    expect(layout.hasHiveFolders).toBe(true);
    // DuckDB also reads `dt` from a literal prefix folder, so the {date} column must not be `dt`.
    expect(layoutOf("{prefix}/{date}", { prefix: "dt=all" }).columns).toEqual([{ name: "dt_2", variable: "date", fromHiveFolder: false }]);
    expect(layoutOf("{prefix}/{date}", { prefix: "dt=all" }).hasHiveFolders).toBe(true);
    expect(layoutOf("{prefix}/{date}").hasHiveFolders).toBe(false);
  });

  it("returns the template's issues", () => {
    expect(analyzeQueryLayout({ bucket: "b", prefix: "p", pathTemplate: "{nope}", fileLayout: "per_trace", gzip: false })).toMatchObject({
      ok: false,
      issues: [{ code: "unknown-variable" }],
    });
  });
});

describe("isCompressedLayout", () => {
  it("gzips batched files only", () => {
    expect(isCompressedLayout("batched", true)).toBe(true);
    expect(isCompressedLayout("batched", false)).toBe(false);
    expect(isCompressedLayout("per_trace", true)).toBe(false);
    expect(layoutOf("{date}", { fileLayout: "batched", gzip: true }).fileExtension).toBe(".json.gz");
  });
});
