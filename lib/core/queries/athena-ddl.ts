import { buildAthenaColumns, quoteAthenaIdentifier } from "./athena-columns";
import type { PartitionColumn, QueryLayout } from "./query-layout";

export type AthenaOptions = {
  /** `s3://bucket`, or another base for tests; no trailing slash. */
  base: string;
  tableName: string;
  /** First day the date projection covers (yyyy-MM-dd); also the first projected year. */
  since: string;
};

// Integer projections have no "NOW": the year range must be fixed, so it runs far enough ahead
// that no trace ever falls outside it (a missing year would silently return no rows).
const LAST_PROJECTED_YEAR = 2099;
const SERDE = "org.openx.data.jsonserde.JsonSerDe";

/** Hive DDL string literal: C-style escapes. Backslashes never reach here (templates refuse them). */
function athenaString(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

function partitionType(column: PartitionColumn): string {
  return column.variable === "year" || column.variable === "month" || column.variable === "day" ? "int" : "string";
}

function projectionProperties(column: PartitionColumn, since: string): Array<[string, string]> {
  const key = (suffix: string) => `projection.${column.name}.${suffix}`;
  switch (column.variable) {
    case "date":
      return [
        [key("type"), "date"],
        [key("format"), "yyyy-MM-dd"],
        [key("range"), `${since},NOW`],
        [key("interval"), "1"],
        [key("interval.unit"), "DAYS"],
      ];
    case "year":
      return [[key("type"), "integer"], [key("range"), `${since.slice(0, 4)},${LAST_PROJECTED_YEAR}`], [key("digits"), "4"]];
    case "month":
      return [[key("type"), "integer"], [key("range"), "1,12"], [key("digits"), "2"]];
    case "day":
      return [[key("type"), "integer"], [key("range"), "1,31"], [key("digits"), "2"]];
    case "apiKeyName":
      // Key names are not known in advance: queries must say which one (WHERE api_key_name = '…').
      return [[key("type"), "injected"]];
  }
}

function locationTemplate(layout: QueryLayout, base: string): string {
  const folders = layout.folders.map((f) => f.map((p) => (typeof p === "string" ? p : `\${${p.column}}`)).join(""));
  return `${base}/${layout.root}${folders.map((f) => `${f}/`).join("")}`;
}

/** CREATE EXTERNAL TABLE with partition projection, so new folders need no MSCK REPAIR. */
export function buildAthenaDdl(layout: QueryLayout, options: AthenaOptions): string {
  const lines = [`CREATE EXTERNAL TABLE ${options.tableName} (`, buildAthenaColumns().map((c) => `  ${c}`).join(",\n"), ")"];
  const { columns } = layout;
  if (columns.length > 0) {
    lines.push(`PARTITIONED BY (${columns.map((c) => `${quoteAthenaIdentifier(c.name)} ${partitionType(c)}`).join(", ")})`);
  }
  // Gzip needs no clause: Athena decompresses `.gz` files by their extension.
  lines.push(
    `ROW FORMAT SERDE ${athenaString(SERDE)}`,
    "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')",
    `LOCATION ${athenaString(`${options.base}/${layout.root}`)}`,
  );
  if (columns.length === 0) return `${lines.join("\n")};`;
  const properties: Array<[string, string]> = [
    ["projection.enabled", "true"],
    ...columns.flatMap((c) => projectionProperties(c, options.since)),
    ["storage.location.template", locationTemplate(layout, options.base)],
  ];
  lines.push("TBLPROPERTIES (", properties.map(([k, v]) => `  ${athenaString(k)} = ${athenaString(v)}`).join(",\n"), ");");
  return lines.join("\n");
}
