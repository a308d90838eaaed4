import type { z } from "zod";

/**
 * Turns zod issues into `{ path, message }` pairs for API responses. zod's own messages
 * ("Invalid input: expected number, received string") change between releases and leak
 * schema jargon; clients and tests match these strings, so they are built here from the
 * issue's structured fields and must stay stable.
 */

export type IngestIssue = { path: string; message: string };

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `traces[3].usage.prompt_tokens`; odd keys are quoted (`trace["a.b"]`); the root is `body`. */
export function formatIssuePath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const name = String(key);
      out += IDENTIFIER.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out || "body";
}

const ARTICLE_TYPES: Record<string, string> = {
  int: "an integer",
  object: "an object",
  array: "an array",
  string: "a string",
  number: "a number",
  boolean: "a boolean",
};

function plural(count: number | bigint, word: string): string {
  return `${count} ${word}${Number(count) === 1 ? "" : "s"}`;
}

function messageFor(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      // Type constructors in the schema label a missing value "required" (only they see the input).
      if (issue.message === "required") return "required";
      return `expected ${ARTICLE_TYPES[issue.expected] ?? issue.expected}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${plural(issue.maximum, "character")}`;
      if (issue.origin === "array") return `must contain at most ${plural(issue.maximum, "item")}`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string" || issue.origin === "array") {
        if (Number(issue.minimum) === 1) return "must not be empty";
        const unit = issue.origin === "string" ? "character" : "item";
        return `must ${issue.origin === "string" ? "be" : "contain"} at least ${plural(issue.minimum, unit)}`;
      }
      if (Number(issue.minimum) === 0 && issue.inclusive) return "must not be negative";
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case "custom":
    case "invalid_union":
      // Our custom checks and the created_at union carry hand-written messages.
      return issue.message;
    default:
      return "invalid value";
  }
}

function collect(issue: Issue, isBatch: boolean, out: IngestIssue[]): void {
  let path: readonly PathKey[] = issue.path;
  // The body schema wraps a lone event as `{ traces: [event] }`; its sender never wrote that
  // wrapper, so paths are reported relative to the event they sent.
  if (!isBatch && path[0] === "traces" && path[1] === 0) path = path.slice(2);
  if (issue.code === "unrecognized_keys") {
    for (const key of issue.keys) out.push({ path: formatIssuePath([...path, key]), message: "unknown field" });
    return;
  }
  out.push({ path: formatIssuePath(path), message: messageFor(issue) });
}

export function formatIngestIssues(error: z.ZodError, isBatch: boolean): IngestIssue[] {
  const out: IngestIssue[] = [];
  for (const issue of error.issues) collect(issue as Issue, isBatch, out);
  return out;
}

/** `traces[3].usage.prompt_tokens: expected a number` lines, e.g. for logs or a single message. */
export function joinIngestIssues(issues: readonly IngestIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}
