import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { FILE_NAME_SUFFIX_HEX, safeKeySegment } from "@/lib/core/object-keys/key-segment";
import { renderPathTemplate, type TemplateIssue } from "@/lib/core/object-keys/path-template";
import type { NormalizedEvent } from "../trace/trace-event-schema";

// The one place an S3 object key is made: the live preview, the Test Connection marker and every
// delivery call buildObjectKey, so the preview can never disagree with what is written.

const TRACE_ID_MAX_LENGTH = 128;
/** The marker's stand-in for {apiKeyName} and the start of its file name. */
export const CONNECTION_TEST_KEY_NAME = "broadcast-connection-test";
/** What the preview shows in place of the per-trace file name. */
export const PREVIEW_FILE_NAME = "<traceId>-<timestamp>.json";
/** The preview's stand-in for {apiKeyName}. */
export const PREVIEW_API_KEY_NAME = "production-app";

/** Which file the key is for: a delivered trace, the connection-test marker, or the preview. */
export type ObjectKeyFile =
  | { kind: "trace"; event: NormalizedEvent; /** The sending API key's id: keys never share a file. */ apiKeyId: string }
  | { kind: "connection-test" }
  | { kind: "preview" };

export type ObjectKeyInput = {
  /** Blank means the default template (the renderer decides, so no caller repeats the default). */
  pathTemplate: string;
  prefix: string;
  /** Picks the folder's date (UTC); for a trace, its createdAt. */
  date: Date;
  apiKeyName: string;
};

export type ObjectKeyResult = { ok: true; key: string } | { ok: false; issues: TemplateIssue[] };

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

// A pure SHA-256 (not node:crypto) so this module also runs in the browser for the preview.
function fileNameSuffix(apiKeyId: string, traceId: string | null, eventId: string): string {
  // JSON keeps the parts apart whatever characters they hold.
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([apiKeyId, traceId, eventId])))).slice(0, FILE_NAME_SUFFIX_HEX);
}

/**
 * `{traceId}-{epochSeconds}-{suffix}.json`. The suffix is 128 bits of SHA-256 over the sending API
 * key's id and the raw (not made-safe) trace id and event id, so
 * - two API keys never write the same file, even when one sends the other's ids and times (the
 *   default template has no `{apiKeyName}` folder);
 * - events whose safe forms collide (`a/b` and `a-b-3a8e75c1`), and the many generations of one
 *   trace within one second, get distinct files;
 * - the same event from the same key lands on the same file, so a retry or duplicate overwrites it.
 * The documented `{traceId}-{timestamp}` prefix stays, so `{traceId}-{timestamp}-*` globs a trace.
 */
export function buildTraceFileName(event: NormalizedEvent, apiKeyId: string): string {
  const traceId = event.trace?.trace_id ?? null;
  const prefix = `${safeKeySegment(traceId ?? event.id, TRACE_ID_MAX_LENGTH)}-${epochSeconds(event.createdAt)}`;
  return `${prefix}-${fileNameSuffix(apiKeyId, traceId, event.id)}.json`;
}

function buildFileName(file: ObjectKeyFile, date: Date): string {
  switch (file.kind) {
    case "trace":
      return buildTraceFileName(file.event, file.apiKeyId);
    case "connection-test":
      return `${CONNECTION_TEST_KEY_NAME}-${epochSeconds(date)}.json`;
    case "preview":
      return PREVIEW_FILE_NAME;
  }
}

/** `folder/fileName`; `folder` is an already-rendered path (e.g. `traces/2026/11/27`). */
export function joinObjectKey(folder: string, fileName: string): string {
  // A trailing or lone slash would create an empty path segment, which S3 consoles show as a
  // folder named "".
  const trimmed = folder.replace(/\/+$/, "");
  return trimmed ? `${trimmed}/${fileName}` : fileName;
}

/** Renders the folder from the template, builds the file name and joins them. */
export function buildObjectKey(input: ObjectKeyInput, file: ObjectKeyFile): ObjectKeyResult {
  const rendered = renderPathTemplate(input.pathTemplate, {
    prefix: input.prefix,
    date: input.date,
    apiKeyName: input.apiKeyName,
  });
  if (!rendered.ok) return rendered;
  return { ok: true, key: joinObjectKey(rendered.path, buildFileName(file, input.date)) };
}

/** What the settings form and the destination card show while the user types. */
export function previewObjectKey(
  template: string,
  prefix: string,
  now: Date,
  sampleApiKeyName = PREVIEW_API_KEY_NAME,
): ObjectKeyResult {
  return buildObjectKey({ pathTemplate: template, prefix, date: now, apiKeyName: sampleApiKeyName }, { kind: "preview" });
}
