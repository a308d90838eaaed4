import { traceFileSchema } from "@/lib/core/trace/trace-file-schema";

// Hive-style `name=value` folders (`dt={date}`, `year={year}`) let Athena, Spark and DuckDB prune by
// folder. "=" is allowed in a key only in that shape: anything else is a typo engines would misread.

// Athena lowercases column names, so a mixed-case name would not match what DuckDB reads from the folder.
const PARTITION_NAME = /^[a-z][a-z0-9_]*$/;
// A partition column named like a field of the file would shadow it (Athena refuses the table), and
// DuckDB's `filename = true` column is how the generated query reads the other path parts.
const TAKEN_NAMES = new Set([...Object.keys(traceFileSchema.shape).map((k) => k.toLowerCase()), "filename"]);
const EXAMPLE = "e.g. dt={date}";

/** The `name` of a well-formed `name=value` segment, else null. */
export function partitionNameOf(segment: string): string | null {
  const at = segment.indexOf("=");
  if (at <= 0 || at === segment.length - 1 || segment.indexOf("=", at + 1) >= 0) return null;
  const name = segment.slice(0, at);
  return PARTITION_NAME.test(name) ? name : null;
}

/**
 * The name when `head`, a folder's leading literal text, opens a `name=` folder; the value may
 * follow as a variable (`dt=` + `{date}`). The template was validated, so the rest is well-formed.
 */
export function partitionNameOpening(head: string): string | null {
  const at = head.indexOf("=");
  const name = head.slice(0, at);
  return at > 0 && PARTITION_NAME.test(name) ? name : null;
}

function segmentIssue(segment: string): string | null {
  const at = segment.indexOf("=");
  if (at < 0) return null;
  if (segment.indexOf("=", at + 1) >= 0) {
    return `"${segment}" has more than one "="; a partition folder is name=value, ${EXAMPLE}.`;
  }
  if (at === 0) return `"${segment}" has no partition name before "=", ${EXAMPLE}.`;
  if (at === segment.length - 1) return `"${segment}" has no value after "=", ${EXAMPLE}.`;
  const name = segment.slice(0, at);
  if (!PARTITION_NAME.test(name)) {
    return `"${name}" is not a valid partition name: use lowercase letters, digits and "_", starting with a letter.`;
  }
  if (TAKEN_NAMES.has(name)) return `"${name}" is already a field of every trace file; pick another partition name.`;
  return null;
}

/**
 * Reports every malformed `=` segment of `path` (variables written as `{name}`, so a variable can
 * never pass as a partition name) and names used twice.
 */
export function checkPartitionSegments(path: string, report: (message: string) => void): void {
  const seen = new Set<string>();
  for (const segment of path.split("/")) {
    const issue = segmentIssue(segment);
    if (issue) {
      report(issue);
      continue;
    }
    const name = partitionNameOf(segment);
    if (name === null) continue;
    if (seen.has(name)) report(`The partition name "${name}" is used twice.`);
    seen.add(name);
  }
}
