import { z } from "zod";
import { createCreatedAtSchema, resolveCreatedAt } from "./created-at";
import { formatIngestIssues, type IngestIssue } from "./ingest-issues";
import { guardedJsonSchema, guardedObject } from "./json-guard";

export { formatIngestIssues, joinIngestIssues, type IngestIssue } from "./ingest-issues";

export const MAX_BATCH_EVENTS = 100;
// 30 days: longer than any real request (batch APIs finish within 24h), short enough that
// created_at + latency always stays a valid date.
export const MAX_LATENCY_MS = 30 * 24 * 60 * 60 * 1000;

// Only type constructors see the raw input, so they mark a missing value; the rest of the
// wording is produced by formatIngestIssues.
const req = { error: (iss: { input?: unknown }) => (iss.input === undefined ? "required" : undefined) };

// Optional fields also accept null: most JSON serializers write null for "unknown".
const optionalText = (max: number) => z.string(req).max(max).nullish();
const tokenCount = z.int(req).nonnegative().nullish();
const usd = z.number(req).nonnegative().nullish();

// usage accepts extra keys because OpenAI-style usage objects carry more than the three counts we
// map (prompt_tokens_details, completion_tokens_details…); apps forward them as they are, and
// rejecting those would reject real traffic; the extras are free-form, so they pass the JSON guard.
// cost is our own shape, so it stays strict.
const usageSchema = guardedObject(
  z.looseObject({ prompt_tokens: tokenCount, completion_tokens: tokenCount, total_tokens: tokenCount }, req),
);
const costSchema = z.strictObject({ total: usd, prompt: usd, completion: usd }, req);

/**
 * Named keys feed columns; every other key is free-form metadata kept as sent. zod copies loose keys
 * by assignment, so an own "__proto__" key would become the prototype and smuggle unchecked values
 * (even a non-string trace_id) past validation: the guard's forbidden keys stop it first.
 */
const traceContextSchema = guardedObject(
  z.looseObject(
    {
      trace_id: z.string(req).min(1).max(256).nullish(), // it becomes the file name
      trace_name: optionalText(256),
      span_name: optionalText(256),
      generation_name: optionalText(256),
    },
    req,
  ),
);

export function createTraceEventSchema(now: () => Date) {
  // Strict on purpose: an unknown key is nearly always a typo (`creted_at`, `session`), and
  // accepting it would silently drop data the sender believes was stored.
  return z.strictObject(
    {
      id: z.string(req).min(1).max(128),
      created_at: createCreatedAtSchema(now),
      model: optionalText(256),
      provider: optionalText(256),
      input: guardedJsonSchema.optional(),
      output: guardedJsonSchema.optional(),
      usage: usageSchema.nullish(),
      cost: costSchema.nullish(),
      latency_ms: z.number(req).nonnegative().max(MAX_LATENCY_MS).nullish(),
      finish_reason: optionalText(64),
      user: optionalText(128),
      session_id: optionalText(128),
      trace: traceContextSchema.nullish(),
    },
    req,
  );
}

export const traceEventSchema = createTraceEventSchema(() => new Date());

export type TraceEvent = z.output<typeof traceEventSchema>;
export type TraceEventInput = z.input<typeof traceEventSchema>;
/** A validated event with `created_at` resolved to an instant. */
export type NormalizedEvent = TraceEvent & { createdAt: Date };

/** A body is a batch exactly when it is an object carrying `traces`; anything else is one event. */
export function isBatchBody(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && Object.hasOwn(json, "traces");
}

export function createIngestBodySchema(now: () => Date) {
  const batch = z.strictObject(
    { traces: z.array(createTraceEventSchema(now), req).min(1).max(MAX_BATCH_EVENTS) },
    req,
  );
  // Wrapping instead of z.union: a union reports the issues of both shapes, and which of them
  // zod surfaces depends on its abort rules. formatIngestIssues strips the wrapper again.
  return z
    .preprocess((json) => (isBatchBody(json) ? json : { traces: [json] }), batch)
    .transform((body) => ({ events: body.traces }));
}

// Building a schema costs ~40x a parse (zod compiles object parsers on first use), so
// parseIngestBody reuses this one and lends it `now` for the duration of a synchronous parse.
let nowOverride: Date | null = null;

export const ingestBodySchema = createIngestBodySchema(() => nowOverride ?? new Date());

export type IngestBody = z.output<typeof ingestBodySchema>;

export type ParseIngestResult =
  | { ok: true; events: NormalizedEvent[] }
  | { ok: false; errors: IngestIssue[] };

export function normalizeEvent(event: TraceEvent): NormalizedEvent {
  const createdAt = resolveCreatedAt(event.created_at);
  if (!createdAt) throw new Error("created_at was not validated"); // unreachable after parsing
  return { ...event, createdAt };
}

export function parseIngestBody(json: unknown, now?: Date): ParseIngestResult {
  nowOverride = now ?? null;
  let result: ReturnType<typeof ingestBodySchema.safeParse>;
  try {
    result = ingestBodySchema.safeParse(json);
  } finally {
    nowOverride = null;
  }
  if (!result.success) return { ok: false, errors: formatIngestIssues(result.error, isBatchBody(json)) };
  return { ok: true, events: result.data.events.map(normalizeEvent) };
}
