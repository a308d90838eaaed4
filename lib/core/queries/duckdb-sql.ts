import type { LayoutPart, QueryLayout } from "./query-layout";

const VALUE_PATTERN = {
  date: String.raw`\d{4}-\d{2}-\d{2}`,
  year: String.raw`\d{4}`,
  month: String.raw`\d{2}`,
  day: String.raw`\d{2}`,
  // safeKeySegment's alphabet.
  apiKeyName: "[A-Za-z0-9._-]+",
} as const;
const CAST = { date: "DATE", year: "INTEGER", month: "INTEGER", day: "INTEGER", apiKeyName: null } as const;

function duckString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function globOf(layout: QueryLayout): string {
  const folders = layout.folders.map((f) => `${f.map((p) => (typeof p === "string" ? p : "*")).join("")}/`);
  return `${layout.root}${folders.join("")}*${layout.fileExtension}`;
}

/** Columns DuckDB cannot read as `name=value` folders, taken from the file's path instead. */
function pathColumns(layout: QueryLayout): string[] {
  let group = 0;
  const groupOf = new Map<string, number>();
  const folderPattern = (folder: LayoutPart[]) =>
    folder
      .map((part) => {
        if (typeof part === "string") return escapeRegex(part);
        group++;
        if (!groupOf.has(part.column)) groupOf.set(part.column, group);
        return `(${VALUE_PATTERN[part.variable]})`;
      })
      .join("");
  // Anchored at the end so the bucket or a local folder in front does not matter.
  const pattern = `/${layout.folders.map(folderPattern).join("/")}/[^/]+$`;
  return layout.columns
    .filter((c) => !c.fromHiveFolder)
    .map((c) => {
      const extract = `regexp_extract(filename, ${duckString(pattern)}, ${groupOf.get(c.name)})`;
      const cast = CAST[c.variable];
      // A path the pattern does not fit gives NULL rather than failing the whole query.
      return cast ? `TRY_CAST(${extract} AS ${cast}) AS ${c.name}` : `NULLIF(${extract}, '') AS ${c.name}`;
    });
}

/** One SELECT over every trace file of the destination, with the same partition columns as Athena. */
export function buildDuckDbSql(layout: QueryLayout, options: { base: string }): string {
  const readOptions = [
    "format = 'newline_delimited'",
    // Connection-test markers share the folders but not the shape; they are filtered out below.
    "union_by_name = true",
    "filename = true",
    `hive_partitioning = ${layout.hasHiveFolders}`,
  ];
  const select = ["*", ...pathColumns(layout)].join(",\n       ");
  return [
    `SELECT ${select}`,
    `FROM read_json(${duckString(`${options.base}/${globOf(layout)}`)},`,
    `               ${readOptions.join(", ")})`,
    "WHERE observations IS NOT NULL;",
  ].join("\n");
}
