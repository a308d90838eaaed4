import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPathTemplate } from "@/lib/core/object-keys/path-template";
import { buildSampleEvent } from "@/lib/core/trace/sample-trace";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { buildTraceFile, serializeTraceFile, type TraceFile } from "@/lib/core/trace/trace-file";
import { buildDestinationQueries, type QueryTarget } from "./destination-queries";

// Real trace files in a folder laid out by each template, read by DuckDB with the generated query
// (its s3://bucket swapped for the folder): every trace comes back once, with its partition values.

const PREFIX = "openrouter-traces";
const TRACES = [
  { at: "2026-11-26T23:59:00Z", apiKeyName: "production-app" },
  { at: "2026-11-27T00:01:00Z", apiKeyName: "production-app" },
  { at: "2026-11-27T10:00:00Z", apiKeyName: "staging" },
  { at: "2027-01-02T08:00:00Z", apiKeyName: "staging" },
];

function traceFiles(): Array<{ file: TraceFile; at: Date; apiKeyName: string }> {
  return TRACES.map(({ at, apiKeyName }, i) => {
    const now = new Date(at);
    const parsed = parseIngestBody({ ...buildSampleEvent(now), id: `trace-${i}` }, now);
    if (!parsed.ok || !parsed.events[0]) throw new Error("the sample event must pass the ingest schema");
    return { file: buildTraceFile(parsed.events[0], { apiKeyName, privacyMode: false }), at: now, apiKeyName };
  });
}

function folderOf(pathTemplate: string, at: Date, apiKeyName: string): string {
  const rendered = renderPathTemplate(pathTemplate, { prefix: PREFIX, date: at, apiKeyName });
  if (!rendered.ok) throw new Error(`invalid template ${pathTemplate}`);
  return rendered.path;
}

/** One file per trace, or one gzipped NDJSON file per folder, plus a Test Connection marker. */
async function writeLayout(root: string, target: QueryTarget): Promise<void> {
  const byFolder = new Map<string, string[]>();
  for (const { file, at, apiKeyName } of traceFiles()) {
    const folder = folderOf(target.pathTemplate, at, apiKeyName);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), serializeTraceFile(file)]);
  }
  for (const [folder, lines] of byFolder) {
    await mkdir(path.join(root, folder), { recursive: true });
    const marker = JSON.stringify({ type: "broadcast.connection-test", createdAt: "2026-11-27T00:00:00.000Z" });
    await writeFile(path.join(root, folder, "broadcast-connection-test-1795737600.json"), `${marker}\n`);
    if (target.fileLayout === "batched") {
      await writeFile(path.join(root, folder, `1795737600-batch${byFolder.size}.json.gz`), gzipSync(lines.join("")));
    } else {
      for (const [i, line] of lines.entries()) await writeFile(path.join(root, folder, `trace-${i}-1795737600.json`), line);
    }
  }
}

describe("generated DuckDB queries read the files the writer lays out", () => {
  let tmp = "";
  let duck: DuckDBConnection;

  beforeAll(async () => {
    await mkdir(path.join(process.cwd(), ".tmp"), { recursive: true });
    tmp = await mkdtemp(path.join(process.cwd(), ".tmp", "queries-"));
    duck = await (await DuckDBInstance.create(":memory:")).connect();
  });
  afterAll(async () => {
    duck?.closeSync();
    await rm(tmp, { recursive: true, force: true });
  });

  async function run(name: string, target: Omit<QueryTarget, "bucket" | "prefix">, columns: string[]) {
    const root = path.join(tmp, name);
    await writeLayout(root, { ...target, bucket: "unused", prefix: PREFIX });
    const generated = buildDestinationQueries({ ...target, bucket: "unused", prefix: PREFIX }, { base: root });
    if (!generated.ok) throw new Error(JSON.stringify(generated.issues));
    const sql = generated.queries.duckdbSql.replace(/;\s*$/, "");
    const reader = await duck.runAndReadAll(`SELECT id, ${columns.join(", ")} FROM (${sql}) ORDER BY id`);
    return reader.getRowObjectsJson();
  }

  it("default template, one file per trace: the date comes from the folder", async () => {
    expect(await run("default", { pathTemplate: "openrouter-traces/{date}", fileLayout: "per_trace", gzip: false }, ["dt::VARCHAR AS dt"])).toEqual([
      { id: "trace-0", dt: "2026-11-26" },
      { id: "trace-1", dt: "2026-11-27" },
      { id: "trace-2", dt: "2026-11-27" },
      { id: "trace-3", dt: "2027-01-02" },
    ]);
  });

  it("Hive template with the API key: DuckDB reads key=value folders", async () => {
    const target = { pathTemplate: "{prefix}/key={apiKeyName}/dt={date}", fileLayout: "per_trace", gzip: false } as const;
    expect(await run("hive-key", target, ["key", "dt::VARCHAR AS dt", "apiKeyName"])).toEqual([
      { id: "trace-0", key: "production-app", dt: "2026-11-26", apiKeyName: "production-app" },
      { id: "trace-1", key: "production-app", dt: "2026-11-27", apiKeyName: "production-app" },
      { id: "trace-2", key: "staging", dt: "2026-11-27", apiKeyName: "staging" },
      { id: "trace-3", key: "staging", dt: "2027-01-02", apiKeyName: "staging" },
    ]);
  });

  it("Hive year/month/day, batched and gzipped", async () => {
    const target = { pathTemplate: "year={year}/month={month}/day={day}", fileLayout: "batched", gzip: true } as const;
    expect(await run("hive-ymd", target, ["year::INTEGER AS year", "month::INTEGER AS month", "day::INTEGER AS day"])).toEqual([
      { id: "trace-0", year: 2026, month: 11, day: 26 },
      { id: "trace-1", year: 2026, month: 11, day: 27 },
      { id: "trace-2", year: 2026, month: 11, day: 27 },
      { id: "trace-3", year: 2027, month: 1, day: 2 },
    ]);
  });

  it("plain {apiKeyName}/{year}/{month}/{day}: the values come from the path", async () => {
    const target = { pathTemplate: "{prefix}/{apiKeyName}/{year}/{month}/{day}", fileLayout: "per_trace", gzip: false } as const;
    expect(await run("plain-ymd", target, ["api_key_name", "year", "month", "day"])).toEqual([
      { id: "trace-0", api_key_name: "production-app", year: 2026, month: 11, day: 26 },
      { id: "trace-1", api_key_name: "production-app", year: 2026, month: 11, day: 27 },
      { id: "trace-2", api_key_name: "staging", year: 2026, month: 11, day: 27 },
      { id: "trace-3", api_key_name: "staging", year: 2027, month: 1, day: 2 },
    ]);
  });
});
