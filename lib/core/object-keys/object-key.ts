import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { safeKeySegment } from "@/lib/core/object-keys/key-segment";
import { renderPathTemplate, type TemplateIssue } from "@/lib/core/object-keys/path-template";
import type { NormalizedEvent } from "../trace/trace-event-schema";

// The one place an S3 object key is made: the live preview, the Test Connection marker and every
// delivery call buildObjectKey, so the preview can never disagree with what is written.

const TRACE_ID_MAX_LENGTH = 128;
// 48 bits: even 10,000 generations of one trace in one second collide with odds below 2e-7.
export const FILE_NAME_HASH_HEX = 12;
/** The marker's stand-in for {apiKeyName} and the start of its file name. */
export const CONNECTION_TEST_KEY_NAME = "broadcast-connection-test";
/** What the preview shows in place of the per-trace file name. */
export const PREVIEW_FILE_NAME = "<traceId>-<timestamp>.json";
/** The preview's stand-in for {apiKeyName}. */
export const PREVIEW_API_KEY_NAME = "production-app";

/** Which file the key is for: a delivered trace, the connection-test marker, or the preview. */
export type ObjectKeyFile = { kind: "trace"; event: NormalizedEvent } | { kind: "connection-test" } | { kind: "preview" };

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
function shortHash(value: string): string {
  return bytesToHex(sha256(utf8ToBytes(value))).slice(0, FILE_NAME_HASH_HEX);
}

/**
 * `{traceId}-{epochSeconds}.json`, the documented shape. Deterministic, so a retried
 * delivery of the same event overwrites its own file instead of duplicating it.
 */
export function buildTraceFileName(event: NormalizedEvent): string {
  const traceId = event.trace?.trace_id ?? null;
  const prefix = `${safeKeySegment(traceId ?? event.id, TRACE_ID_MAX_LENGTH)}-${epochSeconds(event.createdAt)}`;
  // Without trace.trace_id the trace id is the event id, so the prefix alone is unique per event.
  if (traceId === null) return `${prefix}.json`;
  // A shared trace id has many generations, often several within one second, which would
  // overwrite each other. A hash of the event id separates them while keeping the documented
  // `{traceId}-{timestamp}` prefix, so globbing `{traceId}-{timestamp}*` still finds them all.
  return `${prefix}-${shortHash(event.id)}.json`;
}

function buildFileName(file: ObjectKeyFile, date: Date): string {
  switch (file.kind) {
    case "trace":
      return buildTraceFileName(file.event);
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
