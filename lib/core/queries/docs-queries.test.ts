import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDestinationQueries, type QueryOptions, type QueryTarget } from "./destination-queries";

// docs/trace-format.md shows this generator's output; this keeps the two from drifting apart.
const doc = readFileSync(path.join(import.meta.dirname, "../../../docs/trace-format.md"), "utf8");

function queries(pathTemplate: string, over: Partial<QueryTarget> = {}, options: QueryOptions = {}) {
  const target: QueryTarget = { bucket: "YOUR-BUCKET", prefix: "openrouter-traces", pathTemplate, fileLayout: "per_trace", gzip: false, ...over };
  const result = buildDestinationQueries(target, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.queries;
}
// Past the column list, which the docs show once.
const partitionPart = (ddl: string) => ddl.slice(ddl.indexOf("\n)\n") + 3);
const block = (sql: string) => `\`\`\`sql\n${sql}\n\`\`\``;

describe("docs/trace-format.md", () => {
  const batchedGzip = { fileLayout: "batched", gzip: true } as const;

  it("shows the generated table for the default template in full", () => {
    expect(doc).toContain(block(queries("openrouter-traces/{date}").athenaDdl));
  });

  it.each([
    ["{prefix}/{apiKeyName}/{year}/{month}/{day}", {}],
    ["{prefix}/dt={date}", batchedGzip],
    ["{prefix}/year={year}/month={month}/day={day}", batchedGzip],
  ] as const)("shows the generated partitions and DuckDB query for %s", (template, over) => {
    const { athenaDdl, duckdbSql } = queries(template, over);
    expect(doc).toContain(block(partitionPart(athenaDdl)));
    expect(doc).toContain(block(duckdbSql));
  });

  it("shows the default DuckDB query, and the same over a downloaded copy", () => {
    expect(doc).toContain(block(queries("openrouter-traces/{date}").duckdbSql));
    const local = queries("openrouter-traces/{date}", {}, { base: "traces" }).duckdbSql.replace(/;$/, "");
    expect(doc).toContain(local.split("\n").map((line) => `  ${line}`).join("\n"));
  });
});
