import { partitionNameOpening } from "@/lib/core/object-keys/partition-segment";
import {
  parsePathTemplate,
  type SegmentVariable,
  type TemplateIssue,
  type TemplateSegment,
} from "@/lib/core/object-keys/path-template";

export type FileLayout = "per_trace" | "batched";

/** What the generated queries need to know about a destination. */
export type QueryTarget = {
  bucket: string;
  prefix: string;
  pathTemplate: string;
  fileLayout: FileLayout;
  gzip: boolean;
};

export type PartitionColumn = { name: string; variable: SegmentVariable; fromHiveFolder: boolean };
export type LayoutPart = string | { variable: SegmentVariable; column: string };

export type QueryLayout = {
  /** Literal folders before the first variable, "" or ending in "/": the table's LOCATION. */
  root: string;
  /** The folders after the root, each variable bound to its partition column. */
  folders: LayoutPart[][];
  columns: PartitionColumn[];
  /** Some folder is `name=value`, so DuckDB reads those with hive_partitioning. */
  hasHiveFolders: boolean;
  fileExtension: ".json" | ".json.gz";
};

// Column names for variables not written as name={variable}; "dt" is what the docs always used.
const DEFAULT_COLUMN: Record<SegmentVariable, string> = {
  date: "dt",
  year: "year",
  month: "month",
  day: "day",
  apiKeyName: "api_key_name",
};

/** Only batched files are gzipped; one file per trace stays plain JSON, as written today. */
export function isCompressedLayout(fileLayout: FileLayout, gzip: boolean): boolean {
  return fileLayout === "batched" && gzip;
}

function hiveVariableOf(segment: TemplateSegment): { name: string; variable: SegmentVariable } | null {
  const [head, variable, ...rest] = segment;
  if (typeof head !== "string" || typeof variable !== "object" || rest.length > 0) return null;
  const name = partitionNameOpening(head);
  return name !== null && head === `${name}=` ? { name, variable: variable.variable } : null;
}

/** Names of every `name=…` folder, even `dt=day-{date}` or a literal `env=prod`: DuckDB reads them all. */
function hiveNamesOf(segments: TemplateSegment[]): Set<string> {
  const names = new Set<string>();
  for (const segment of segments) {
    const head = segment[0];
    const name = typeof head === "string" ? partitionNameOpening(head) : null;
    if (name !== null) names.add(name);
  }
  return names;
}

function bindColumns(folders: TemplateSegment[], taken: Set<string>): { columns: PartitionColumn[]; bound: LayoutPart[][] } {
  const columns: PartitionColumn[] = [];
  const hive = folders.map(hiveVariableOf);
  for (const h of hive) if (h) columns.push({ ...h, fromHiveFolder: true });
  const columnFor = (variable: SegmentVariable): string => {
    const existing = columns.find((c) => c.variable === variable);
    if (existing) return existing.name;
    let name = DEFAULT_COLUMN[variable];
    for (let n = 2; taken.has(name); n++) name = `${DEFAULT_COLUMN[variable]}_${n}`;
    taken.add(name);
    columns.push({ name, variable, fromHiveFolder: false });
    return name;
  };
  const bound = folders.map((folder, i) =>
    folder.map((part): LayoutPart => {
      if (typeof part === "string") return part;
      return { variable: part.variable, column: hive[i]?.name ?? columnFor(part.variable) };
    }),
  );
  return { columns, bound };
}

/** The destination's folders as partitions, from the same parser the writer renders with. */
export function analyzeQueryLayout(
  target: QueryTarget,
): { ok: true; layout: QueryLayout } | { ok: false; issues: TemplateIssue[] } {
  const parsed = parsePathTemplate(target.pathTemplate, target.prefix);
  if (!parsed.ok) return parsed;
  const firstVariable = parsed.segments.findIndex((s) => s.some((p) => typeof p !== "string"));
  const split = firstVariable < 0 ? parsed.segments.length : firstVariable;
  const root = parsed.segments
    .slice(0, split)
    .map((s) => `${s.join("")}/`)
    .join("");
  const hiveNames = hiveNamesOf(parsed.segments);
  const { columns, bound } = bindColumns(parsed.segments.slice(split), new Set(hiveNames));
  return {
    ok: true,
    layout: {
      root,
      folders: bound,
      columns,
      hasHiveFolders: hiveNames.size > 0,
      fileExtension: isCompressedLayout(target.fileLayout, target.gzip) ? ".json.gz" : ".json",
    },
  };
}
