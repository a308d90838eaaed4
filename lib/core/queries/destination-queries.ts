import type { TemplateIssue } from "@/lib/core/object-keys/path-template";
import { buildAthenaDdl } from "./athena-ddl";
import { buildDuckDbSql } from "./duckdb-sql";
import { analyzeQueryLayout, type QueryTarget } from "./query-layout";

export { isCompressedLayout, type FileLayout, type QueryTarget } from "./query-layout";

export const DEFAULT_TABLE_NAME = "broadcast_traces";
export const DEFAULT_PROJECTION_START = "2026-01-01";

export type QueryOptions = {
  tableName?: string;
  /** yyyy-MM-dd; the first day Athena's date projection covers. */
  since?: string;
  /** Replaces `s3://{bucket}`, e.g. a local folder DuckDB reads in tests or after `aws s3 sync`. */
  base?: string;
};

export type DestinationQueries = { athenaDdl: string; duckdbSql: string };

function tableNameOf(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(cleaned) ? cleaned : `t_${cleaned || DEFAULT_TABLE_NAME}`;
}

/**
 * The Athena table and DuckDB query for one destination's bucket, template and file layout. Pure:
 * the settings page shows it and `GET /api/v1/destinations/{id}/queries` returns it.
 */
export function buildDestinationQueries(
  target: QueryTarget,
  options: QueryOptions = {},
): { ok: true; queries: DestinationQueries } | { ok: false; issues: TemplateIssue[] } {
  const analyzed = analyzeQueryLayout(target);
  if (!analyzed.ok) return analyzed;
  const since = options.since ?? DEFAULT_PROJECTION_START;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new RangeError(`buildDestinationQueries: since must be yyyy-MM-dd, got ${since}`);
  const base = (options.base ?? `s3://${target.bucket}`).replace(/\/+$/, "");
  const tableName = tableNameOf(options.tableName ?? DEFAULT_TABLE_NAME);
  return {
    ok: true,
    queries: {
      athenaDdl: buildAthenaDdl(analyzed.layout, { base, tableName, since }),
      duckdbSql: buildDuckDbSql(analyzed.layout, { base }),
    },
  };
}
