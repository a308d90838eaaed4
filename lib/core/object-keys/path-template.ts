import { safeKeySegment } from "@/lib/core/object-keys/key-segment";
import { checkPartitionSegments } from "@/lib/core/object-keys/partition-segment";

export const DEFAULT_PREFIX = "openrouter-traces";
import { FILE_NAME_SUFFIX_HEX } from "./key-segment";

// With the default prefix this renders exactly as the seed's "openrouter-traces/{date}" did, and
// editing Prefix now changes the path (it did nothing before). Saved templates are kept as stored.
export const DEFAULT_PATH_TEMPLATE = "{prefix}/{date}";
export const PATH_TEMPLATE_VARIABLES = ["prefix", "date", "year", "month", "day", "apiKeyName"] as const;
export type PathTemplateVariable = (typeof PATH_TEMPLATE_VARIABLES)[number];

export const MAX_OBJECT_KEY_BYTES = 1024;
// The writer appends "/{traceId}-{timestamp}-{suffix}.json" to the rendered path. traceId is
// safeKeySegment(id, 128), so at most 128 ASCII bytes; the timestamp is epoch seconds, which stays
// within 11 digits until the year 5138; the suffix is FILE_NAME_SUFFIX_HEX hex digits. Budgeting for
// the worst case up front means a template that validates can never produce a key S3 rejects.
export const MAX_FILE_NAME_BYTES = "/".length + 128 + "-".length + 11 + "-".length + FILE_NAME_SUFFIX_HEX + ".json".length; // 179
export const MAX_API_KEY_NAME_LENGTH = 64;

export type TemplateIssueCode =
  | "unknown-variable"
  | "unbalanced-braces"
  | "empty-segment"
  | "dot-segment"
  | "leading-slash"
  | "too-long"
  | "invalid-character"
  | "empty"
  | "invalid-prefix"
  | "invalid-partition";
export type TemplateIssue = { code: TemplateIssueCode; message: string; field: "pathTemplate" | "prefix" };
type Field = TemplateIssue["field"];
type Part = string | { variable: PathTemplateVariable };
/** A variable the path can hold once the prefix is inlined. */
export type SegmentVariable = Exclude<PathTemplateVariable, "prefix">;
/** One folder of a parsed template: literal text and variables, never containing "/". */
export type TemplateSegment = Array<string | { variable: SegmentVariable }>;
type Values = Record<PathTemplateVariable, string>;

const VARIABLE_LIST = "Use {prefix}, {date}, {year}, {month}, {day} or {apiKeyName}.";
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

class Issues {
  readonly list: TemplateIssue[] = [];
  private readonly seen = new Set<string>();
  add(code: TemplateIssueCode, message: string, field: Field): void {
    // Repeats of the same mistake (e.g. {foo} twice) would only add noise under the field.
    const key = `${field}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, message, field });
  }
}

function isVariable(name: string): name is PathTemplateVariable {
  return (PATH_TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

function checkChar(c: number, field: Field, issues: Issues): void {
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
    issues.add("invalid-character", "Control characters (such as tabs or line breaks) are not allowed.", field);
  } else if (c === BACKSLASH) {
    issues.add("invalid-character", 'Backslashes ("\\") are not allowed; use "/" to separate folders.', field);
  }
}

/** One linear pass: splits the template into literal text and variables, reporting brace and character mistakes. */
function scan(template: string, issues: Issues): Part[] {
  const parts: Part[] = [];
  let textStart = 0;
  let openAt = -1;
  const unclosed = (at: number) =>
    issues.add("unbalanced-braces", `Unbalanced braces: "{" at position ${at + 1} is never closed.`, "pathTemplate");
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    checkChar(c, "pathTemplate", issues);
    if (c === BRACE_OPEN) {
      if (openAt >= 0) {
        unclosed(openAt);
        // Text after a failed "{" stays literal so the length and segment checks still see it.
        parts.push(template.slice(openAt, i));
      } else if (i > textStart) parts.push(template.slice(textStart, i));
      openAt = i;
    } else if (c === BRACE_CLOSE) {
      if (openAt < 0) {
        issues.add("unbalanced-braces", `Unbalanced braces: "}" at position ${i + 1} has no matching "{".`, "pathTemplate");
        continue;
      }
      const name = template.slice(openAt + 1, i);
      if (isVariable(name)) parts.push({ variable: name });
      else {
        issues.add("unknown-variable", unknownVariableMessage(name), "pathTemplate");
        // Kept as literal text so "logs/{foo}" is not also misreported as an empty segment.
        parts.push(template.slice(openAt, i + 1));
      }
      openAt = -1;
      textStart = i + 1;
    }
  }
  if (openAt >= 0) {
    unclosed(openAt);
    parts.push(template.slice(openAt));
  } else if (textStart < template.length) parts.push(template.slice(textStart));
  return parts;
}

function unknownVariableMessage(name: string): string {
  const caseMatch = PATH_TEMPLATE_VARIABLES.find((v) => v.toLowerCase() === name.toLowerCase());
  if (caseMatch) return `Unknown variable {${name}}. Variable names are case-sensitive: did you mean {${caseMatch}}?`;
  return `Unknown variable {${name}}. ${VARIABLE_LIST}`;
}

function render(parts: Part[], values: Values): string {
  let out = "";
  for (const part of parts) out += typeof part === "string" ? part : values[part.variable];
  return out;
}

/** Leading slash, "//" and "."/".." segments. */
function checkSegments(path: string, field: Field, issues: Issues): void {
  let start = 0;
  if (path.charCodeAt(0) === SLASH) {
    issues.add("leading-slash", `The ${field === "prefix" ? "prefix" : "path"} must not start with "/".`, field);
    while (path.charCodeAt(start) === SLASH) start++;
  }
  if (start === path.length) return;
  for (let i = start; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== SLASH) continue;
    const length = i - start;
    if (length === 0) issues.add("empty-segment", 'Empty path segment ("//").', field);
    else if (length <= 2) {
      const segment = path.slice(start, i);
      if (segment === "." || segment === "..") {
        issues.add("dot-segment", `"${segment}" is not allowed as a path segment.`, field);
      }
    }
    start = i + 1;
  }
}

function checkPrefix(prefix: string, used: boolean, issues: Issues): void {
  if (prefix === "") {
    if (used) issues.add("empty", "The prefix is empty, but the template uses {prefix}.", "prefix");
    return;
  }
  for (let i = 0; i < prefix.length; i++) checkChar(prefix.charCodeAt(i), "prefix", issues);
  const endsWithSlash = prefix.length > 1 && prefix.charCodeAt(prefix.length - 1) === SLASH;
  if (endsWithSlash) issues.add("invalid-prefix", 'The prefix must not end with "/".', "prefix");
  checkSegments(endsWithSlash ? prefix.slice(0, -1) : prefix, "prefix", issues);
}

const utf8 = new TextEncoder();
const formatCount = (n: number) => n.toLocaleString("en-US");

// Fixed-width stand-ins: dates never change length and {apiKeyName} is capped at 64 safe chars, so
// rendering with these gives the longest key the template can ever produce.
const WORST_CASE: Omit<Values, "prefix"> = {
  date: "0000-00-00",
  year: "0000",
  month: "00",
  day: "00",
  apiKeyName: "x".repeat(MAX_API_KEY_NAME_LENGTH),
};

// Variables stand for themselves in the partition check, so "{apiKeyName}=x" fails as a name.
const AS_WRITTEN: Omit<Values, "prefix"> = {
  date: "{date}",
  year: "{year}",
  month: "{month}",
  day: "{day}",
  apiKeyName: "{apiKeyName}",
};

function checkPartitions(path: string, field: Field, issues: Issues): void {
  checkPartitionSegments(path, (message) => issues.add("invalid-partition", message, field));
}

function analyze(template: string, prefix: string): { parts: Part[]; issues: TemplateIssue[] } {
  const issues = new Issues();
  let source = template.trim() === "" ? DEFAULT_PATH_TEMPLATE : template;
  if (source.length > 1 && source.charCodeAt(source.length - 1) === SLASH) source = source.slice(0, -1);

  const parts = scan(source, issues);
  const usesPrefix = parts.some((p) => typeof p !== "string" && p.variable === "prefix");
  // A harmless stand-in isolates mistakes in the template's own text from those in the prefix.
  checkSegments(render(parts, { ...WORST_CASE, prefix: "p" }), "pathTemplate", issues);
  checkPartitions(render(parts, { ...AS_WRITTEN, prefix: "{prefix}" }), "pathTemplate", issues);
  checkPrefix(prefix, usesPrefix, issues);
  checkPartitions(prefix, "prefix", issues);

  const worst = render(parts, { ...WORST_CASE, prefix });
  // Both halves are fine on their own but may still combine badly, e.g. ".{prefix}" with prefix ".",
  // or "dt={prefix}" with prefix "a=b".
  if (issues.list.length === 0) {
    checkSegments(worst, "prefix", issues);
    checkPartitions(render(parts, { ...AS_WRITTEN, prefix }), "prefix", issues);
  }

  const keyBytes = utf8.encode(worst).length + MAX_FILE_NAME_BYTES;
  if (keyBytes > MAX_OBJECT_KEY_BYTES) {
    const what = usesPrefix ? "the template or prefix" : "the template";
    issues.add(
      "too-long",
      `Keys could reach ${formatCount(keyBytes)} bytes; S3 allows at most ${formatCount(MAX_OBJECT_KEY_BYTES)}. ` +
        `Shorten ${what} by ${formatCount(keyBytes - MAX_OBJECT_KEY_BYTES)}.`,
      "pathTemplate",
    );
  }
  return { parts, issues: issues.list };
}

/** Every problem with the template/prefix pair; empty means it is safe to render. */
export function validatePathTemplate(template: string, prefix: string): TemplateIssue[] {
  return analyze(template, prefix).issues;
}

/**
 * The template's folders with the prefix inlined, for code that must follow the same layout as the
 * writer (the generated Athena and DuckDB queries). Same normalisation and checks as rendering.
 */
export function parsePathTemplate(
  template: string,
  prefix: string,
): { ok: true; segments: TemplateSegment[] } | { ok: false; issues: TemplateIssue[] } {
  const { parts, issues } = analyze(template, prefix);
  if (issues.length > 0) return { ok: false, issues };
  const segments: TemplateSegment[] = [[]];
  for (const part of parts) {
    const text = typeof part === "string" ? part : part.variable === "prefix" ? prefix : null;
    if (text === null) {
      segments[segments.length - 1]?.push(part as { variable: SegmentVariable });
      continue;
    }
    text.split("/").forEach((piece, i) => {
      if (i > 0) segments.push([]);
      const segment = segments[segments.length - 1] ?? [];
      const last = segment.length - 1;
      // Literal runs are merged so "dt=" + {date} is always recognisable as one name=value folder.
      if (typeof segment[last] === "string") segment[last] += piece;
      else if (piece !== "") segment.push(piece);
    });
  }
  return { ok: true, segments };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The `{apiKeyName}` segment a key's name becomes (what the API keys page and the preview show). */
export function apiKeyNameInPaths(name: string): string {
  return safeKeySegment(name, MAX_API_KEY_NAME_LENGTH);
}

/** One piece of a rendered folder path and where it came from: a variable (e.g. the Prefix) or the template's own text. */
export type RenderedPiece = { text: string; source: PathTemplateVariable | null };

/** renderPathTemplate, piece by piece, so the preview can show which part came from Prefix. */
export function renderPathTemplatePieces(
  template: string,
  vars: { prefix: string; date: Date; apiKeyName: string },
): { ok: true; pieces: RenderedPiece[] } | { ok: false; issues: TemplateIssue[] } {
  if (Number.isNaN(vars.date.getTime())) throw new RangeError("renderPathTemplate: invalid date");
  const { parts, issues } = analyze(template, vars.prefix);
  if (issues.length > 0) return { ok: false, issues };
  const year = String(vars.date.getUTCFullYear()).padStart(4, "0");
  const month = pad2(vars.date.getUTCMonth() + 1);
  const day = pad2(vars.date.getUTCDate());
  const values: Values = { prefix: vars.prefix, date: `${year}-${month}-${day}`, year, month, day, apiKeyName: apiKeyNameInPaths(vars.apiKeyName) };
  const pieces = parts.map((part) =>
    typeof part === "string" ? { text: part, source: null } : { text: values[part.variable], source: part.variable },
  );
  return { ok: true, pieces };
}

/** Renders the folder part of an object key (no leading or trailing slash). Dates are UTC. */
export function renderPathTemplate(
  template: string,
  vars: { prefix: string; date: Date; apiKeyName: string },
): { ok: true; path: string } | { ok: false; issues: TemplateIssue[] } {
  const rendered = renderPathTemplatePieces(template, vars);
  if (!rendered.ok) return rendered;
  return { ok: true, path: rendered.pieces.map((piece) => piece.text).join("") };
}
