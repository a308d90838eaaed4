import { describe, expect, it } from "vitest";
import { renderPathTemplate } from "@/lib/core/object-keys/path-template";
import { buildDestinationQueries, type QueryTarget } from "./destination-queries";

const date = new Date("2026-03-05T10:00:00Z");
const apiKeyName = "production-app";
const target = (pathTemplate: string, over: Partial<QueryTarget> = {}): QueryTarget => ({
  bucket: "my-bucket",
  prefix: "team/traces",
  pathTemplate,
  fileLayout: "per_trace",
  gzip: false,
  ...over,
});

function queriesOf(t: QueryTarget) {
  const result = buildDestinationQueries(t);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.queries;
}

/** A small reader for the DDL we generate: partition columns, properties and LOCATION. */
function parseDdl(ddl: string) {
  const partitioned = /^PARTITIONED BY \((.*)\)$/m.exec(ddl)?.[1] ?? "";
  const partitions = partitioned === "" ? [] : partitioned.split(", ").map((c) => c.replace(/`/g, "").split(" ") as [string, string]);
  const properties = Object.fromEntries([...ddl.matchAll(/^ {2}'([^']+)' = '([^']*)',?$/gm)].map((m) => [m[1], m[2]]));
  const location = /^LOCATION '([^']*)'$/m.exec(ddl)?.[1];
  return { partitions, properties, location };
}

// What the projection would produce for `date`, so the projected location can be compared with the key.
function projectedValue(properties: Record<string, string>, column: string): string {
  const type = properties[`projection.${column}.type`];
  if (type === "date") return "2026-03-05";
  if (type === "injected") return apiKeyName;
  const digits = Number(properties[`projection.${column}.digits`] ?? "1");
  const [low] = (properties[`projection.${column}.range`] ?? "").split(",");
  const value = low === "1" ? (properties[`projection.${column}.range`] === "1,12" ? 3 : 5) : 2026;
  return String(value).padStart(digits, "0");
}

const globToRegex = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);

const SHAPES = [
  { template: "openrouter-traces/{date}", columns: [["dt", "string"]], hive: false },
  { template: "{prefix}/{date}", columns: [["dt", "string"]], hive: false },
  { template: "{prefix}/{year}/{month}/{day}", columns: [["year", "int"], ["month", "int"], ["day", "int"]], hive: false },
  { template: "{apiKeyName}/{year}/{month}/{day}", columns: [["api_key_name", "string"], ["year", "int"], ["month", "int"], ["day", "int"]], hive: false },
  { template: "{prefix}/dt={date}", columns: [["dt", "string"]], hive: true },
  { template: "year={year}/month={month}/day={day}", columns: [["year", "int"], ["month", "int"], ["day", "int"]], hive: true },
  { template: "{prefix}/key={apiKeyName}/dt={date}", columns: [["key", "string"], ["dt", "string"]], hive: true },
  { template: "logs/{apiKeyName}/date={date}/raw", columns: [["date", "string"], ["api_key_name", "string"]], hive: true },
] as const;

describe.each(SHAPES)("template $template", ({ template, columns, hive }) => {
  const { athenaDdl, duckdbSql } = queriesOf(target(template));
  const ddl = parseDdl(athenaDdl);
  const rendered = renderPathTemplate(template, { prefix: "team/traces", date, apiKeyName });
  if (!rendered.ok) throw new Error("template must render");
  const key = `${rendered.path}/abc-1772704800.json`;

  it("partitions by one column per template variable, named after Hive keys", () => {
    expect(ddl.partitions).toEqual(columns);
  });

  it("projects every partition column and nothing else", () => {
    const projected = Object.keys(ddl.properties)
      .filter((k) => k.endsWith(".type"))
      .map((k) => k.split(".")[1]);
    expect(projected.sort()).toEqual(columns.map(([c]) => c).sort());
    const placeholders = [...(ddl.properties["storage.location.template"] ?? "").matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect([...new Set(placeholders)].sort()).toEqual(columns.map(([c]) => c).sort());
  });

  it("has a storage.location.template that lands on the folder the writer renders", () => {
    const template_ = ddl.properties["storage.location.template"] ?? "";
    const projected = template_.replace(/\$\{(\w+)\}/g, (_: string, column: string) => projectedValue(ddl.properties, column));
    expect(projected).toBe(`s3://my-bucket/${rendered.path}/`);
    expect(template_.startsWith(ddl.location ?? "-")).toBe(true);
  });

  it("has a DuckDB glob that matches the written key, with hive_partitioning only for key=value folders", () => {
    const glob = /read_json\('s3:\/\/my-bucket\/([^']*)'/.exec(duckdbSql)?.[1] ?? "";
    expect(glob).toMatch(/\*\.json$/);
    expect(globToRegex(glob).test(key)).toBe(true);
    expect(duckdbSql).toContain(`hive_partitioning = ${hive}`);
    expect(duckdbSql).toContain("format = 'newline_delimited'");
  });
});

describe("buildDestinationQueries", () => {
  it("generates the documented default table", () => {
    const { athenaDdl } = queriesOf(target("openrouter-traces/{date}", { bucket: "YOUR-BUCKET" }));
    expect(athenaDdl).toContain("CREATE EXTERNAL TABLE broadcast_traces (\n  schemaVersion int,\n  id string,");
    expect(athenaDdl).toContain("  `timestamp` string,");
    expect(athenaDdl).toContain("    usage: struct<promptTokens: bigint, completionTokens: bigint, totalTokens: bigint>,");
    expect(athenaDdl).toContain("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'");
    expect(parseDdl(athenaDdl)).toEqual({
      partitions: [["dt", "string"]],
      location: "s3://YOUR-BUCKET/openrouter-traces/",
      properties: {
        "projection.enabled": "true",
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy-MM-dd",
        "projection.dt.range": "2026-01-01,NOW",
        "projection.dt.interval": "1",
        "projection.dt.interval.unit": "DAYS",
        "storage.location.template": "s3://YOUR-BUCKET/openrouter-traces/${dt}/",
      },
    });
  });

  it("uses integer projections with 4/2/2 digits and an injected one for the API key", () => {
    const { properties } = parseDdl(queriesOf(target("{apiKeyName}/{year}/{month}/{day}")).athenaDdl);
    expect(properties).toMatchObject({
      "projection.api_key_name.type": "injected",
      "projection.year.type": "integer",
      "projection.year.range": "2026,2099",
      "projection.year.digits": "4",
      "projection.month.range": "1,12",
      "projection.month.digits": "2",
      "projection.day.range": "1,31",
      "projection.day.digits": "2",
    });
  });

  it("reads .json.gz only for gzipped batches", () => {
    const glob = (over: Partial<QueryTarget>) => /read_json\('([^']*)'/.exec(queriesOf(target("{date}", over)).duckdbSql)?.[1];
    expect(glob({ fileLayout: "batched", gzip: true })).toBe("s3://my-bucket/*/*.json.gz");
    expect(glob({ fileLayout: "batched", gzip: false })).toBe("s3://my-bucket/*/*.json");
    expect(glob({ fileLayout: "per_trace", gzip: true })).toBe("s3://my-bucket/*/*.json");
  });

  it("takes non-Hive partition values from the file's path", () => {
    const { duckdbSql } = queriesOf(target("{prefix}/{year}/{month}/{day}"));
    expect(duckdbSql).toContain(String.raw`TRY_CAST(regexp_extract(filename, '/(\d{4})/(\d{2})/(\d{2})/[^/]+$', 3) AS INTEGER) AS day`);
    const hive = queriesOf(target("{prefix}/dt={date}")).duckdbSql;
    expect(hive).not.toContain("regexp_extract");
  });

  it("keeps a template without variables unpartitioned", () => {
    const { athenaDdl, duckdbSql } = queriesOf(target("{prefix}/all"));
    expect(athenaDdl).not.toContain("PARTITIONED BY");
    expect(athenaDdl).not.toContain("TBLPROPERTIES");
    expect(athenaDdl).toMatch(/LOCATION 's3:\/\/my-bucket\/team\/traces\/all\/';$/);
    expect(duckdbSql).toContain("read_json('s3://my-bucket/team/traces/all/*.json'");
  });

  it("shares one column when a variable repeats and avoids names a Hive folder already uses", () => {
    expect(parseDdl(queriesOf(target("{date}/x/{date}")).athenaDdl).properties["storage.location.template"]).toBe(
      "s3://my-bucket/${dt}/x/${dt}/",
    );
    expect(parseDdl(queriesOf(target("dt={year}/{date}")).athenaDdl).partitions).toEqual([["dt", "int"], ["dt_2", "string"]]);
  });

  it("escapes quotes in literal folders for each dialect", () => {
    const { athenaDdl, duckdbSql } = queriesOf(target("it's/{date}"));
    expect(athenaDdl).toContain(String.raw`LOCATION 's3://my-bucket/it\'s/'`);
    expect(duckdbSql).toContain("read_json('s3://my-bucket/it''s/*/*.json'");
  });

  it("accepts a base location, table name and projection start", () => {
    const result = buildDestinationQueries(target("{date}"), { base: "/tmp/traces/", tableName: "Prod Traces", since: "2025-06-01" });
    if (!result.ok) throw new Error("expected queries");
    expect(result.queries.athenaDdl).toContain("CREATE EXTERNAL TABLE prod_traces (");
    expect(result.queries.athenaDdl).toContain("'projection.dt.range' = '2025-06-01,NOW'");
    expect(result.queries.duckdbSql).toContain("read_json('/tmp/traces/*/*.json'");
    expect(() => buildDestinationQueries(target("{date}"), { since: "June" })).toThrow(RangeError);
  });

  it("returns the template's issues instead of queries for an invalid template", () => {
    expect(buildDestinationQueries(target("a==b/{date}"))).toMatchObject({ ok: false, issues: [{ code: "invalid-partition" }] });
  });
});
