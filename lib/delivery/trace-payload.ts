import { DEFAULT_PATH_TEMPLATE, DEFAULT_PREFIX } from "@/lib/core/object-keys/path-template";
import { buildObjectKey } from "@/lib/core/object-keys/object-key";
import { buildTraceFile, serializeTraceFile } from "@/lib/core/trace/trace-file";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";

// What is stored between accept and delivery, and how the file and its key are made from it.
// The file is built at delivery time from the stored event; the key is fixed at accept time (every
// retry overwrites the same object, so retries are idempotent).

/** The event as stored in traces.event: JSON, with createdAt as an ISO string. */
export type StoredEvent = Omit<NormalizedEvent, "createdAt"> & { createdAt: string };

export function toStoredEvent(event: NormalizedEvent): StoredEvent {
  return { ...event, createdAt: event.createdAt.toISOString() };
}

/** null when the stored value is not an event we wrote (a hand-edited or corrupted row). */
export function fromStoredEvent(value: unknown): NormalizedEvent | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const stored = value as Partial<StoredEvent>;
  if (typeof stored.id !== "string" || typeof stored.createdAt !== "string") return null;
  const createdAt = new Date(stored.createdAt);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { ...(stored as StoredEvent), createdAt };
}

export type KeyedDestination = { prefix: string; pathTemplate: string };

/** The API key a trace came with: its name may appear in folders, its id is in every file name. */
export type SendingKey = { apiKeyId: string; apiKeyName: string };

export function deliveryObjectKey(destination: KeyedDestination, event: NormalizedEvent, key: SendingKey): string {
  const input = { pathTemplate: destination.pathTemplate, prefix: destination.prefix, date: event.createdAt, apiKeyName: key.apiKeyName };
  const file = { kind: "trace", event, apiKeyId: key.apiKeyId } as const;
  const built = buildObjectKey(input, file);
  if (built.ok) return built.key;
  // Templates are validated on save, so this only happens to rows written by an older version with
  // looser rules. Refusing the trace would lose it; the default layout keeps it findable.
  const fallback = buildObjectKey({ ...input, pathTemplate: DEFAULT_PATH_TEMPLATE, prefix: DEFAULT_PREFIX }, file);
  if (!fallback.ok) throw new Error("the default path template does not render");
  return fallback.key;
}

/**
 * For a batched destination: the rendered folder of a trace's key, where its batch file goes.
 * Traces of one folder share batches; a batch never spans two folders.
 */
export function folderOfObjectKey(key: string): string {
  return key.slice(0, Math.max(0, key.lastIndexOf("/")));
}

export function buildTraceBody(event: NormalizedEvent, ctx: { apiKeyName: string; privacyMode: boolean }): string {
  return serializeTraceFile(buildTraceFile(event, ctx));
}
