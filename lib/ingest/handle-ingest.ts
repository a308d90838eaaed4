import { readLimitedBody, type LimitedBody } from "@/lib/platform/http/read-limited-body";
import type { RateLimiter } from "@/lib/platform/http/rate-limiter";
import type { QueuedTrace } from "@/lib/delivery/stored-trace";
import { authenticateRequest, lockedMessage, type FailedKeyGuard } from "./authenticate-request";
import { parseIngestBody, type IngestIssue } from "../core/trace/trace-event-schema";

// POST /api/v1/traces, independent of any HTTP framework: `runIngest` takes a request as two
// functions (a header, the body up to a limit) and returns the answer as plain values, so the same
// rules serve Next.js's route handler (`handleIngest`, Request → Response) and the production
// server's lean node:http path (lib/platform/server/node-ingest.ts) without building web streams.
// Order matters: cheap refusals first (auth, content type, declared size, rate, backpressure), then
// the body is read with a hard byte limit, parsed, validated as a whole, and only then stored.

export const MAX_INGEST_BODY_BYTES = 1024 * 1024;

export type IngestDeps = {
  authenticate(rawKey: string): Promise<{ id: string; name: string; scope: string | null } | null>;
  parseBearer(header: string | null): string | null;
  rateLimiter: RateLimiter;
  /** Limits failed keys per address before the lookup; absent in tests that do not need it. */
  failedKeys?: FailedKeyGuard;
  isBacklogFull(): Promise<boolean>;
  /** Shared with POST /v1/traces (lib/ingest/otlp/), which enqueues OpenTelemetry traces. */
  enqueue(events: QueuedTrace[], ctx: { apiKeyName: string; apiKeyId: string; now: Date }): Promise<unknown>;
  now(): Date;
  maxBodyBytes?: number;
};

/** What the handler needs from a request, whatever the server. */
export type IngestRequest = {
  header(name: string): string | null;
  readBody(limit: number): Promise<LimitedBody>;
};

/** The answer: a status, headers and a JSON body (always JSON). */
export type IngestReply = { status: number; headers: Record<string, string>; body: unknown };

export function problemReply(
  status: number,
  code: string,
  message: string,
  extra: { issues?: IngestIssue[]; headers?: Record<string, string> } = {},
): IngestReply {
  const body = { error: { code, message, ...(extra.issues ? { issues: extra.issues } : {}) } };
  return { status, body, headers: { "Cache-Control": "no-store", ...extra.headers } };
}

export function toResponse(reply: IngestReply): Response {
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
}

/** problemReply as a Response, for the other JSON APIs' route handlers (lib/destinations/). */
export function problem(...args: Parameters<typeof problemReply>): Response {
  return toResponse(problemReply(...args));
}

/** The Request → Response form (Next.js route handler, tests). */
export async function handleIngest(request: Request, deps: IngestDeps): Promise<Response> {
  const input: IngestRequest = {
    header: (name) => request.headers.get(name),
    readBody: (limit) => readLimitedBody(request.body, limit),
  };
  return toResponse(await runIngest(input, deps));
}

export async function runIngest(request: IngestRequest, deps: IngestDeps): Promise<IngestReply> {
  const limit = deps.maxBodyBytes ?? MAX_INGEST_BODY_BYTES;
  const check = await authenticateRequest({ get: request.header }, deps);
  if (!check.ok) {
    if (check.reason === "locked") {
      return problemReply(429, "rate_limited", lockedMessage(check.retryAfterSeconds), { headers: { "Retry-After": String(check.retryAfterSeconds) } });
    }
    const bearer = { headers: { "WWW-Authenticate": "Bearer" } };
    return check.reason === "missing"
      ? problemReply(401, "missing_api_key", "Send your API key as `Authorization: Bearer brd_…`.", bearer)
      : problemReply(401, "invalid_api_key", "The API key is unknown or has been revoked.", bearer);
  }
  const { key } = check;
  if (key.scope !== "ingest") return wrongScopeReply();

  const contentType = request.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim())) {
    return problemReply(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
  const declared = Number(request.header("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge(limit);

  const rate = deps.rateLimiter.take(key.id);
  if (!rate.allowed) {
    return problemReply(429, "rate_limited", `Too many requests for this API key. Retry after ${rate.retryAfterSeconds} s.`, {
      headers: { "Retry-After": String(rate.retryAfterSeconds) },
    });
  }
  if (await deps.isBacklogFull()) {
    return problemReply(503, "backlog_full", "Broadcast's delivery backlog is full; nothing was stored. Retry shortly.", {
      headers: { "Retry-After": "5" },
    });
  }

  const body = await request.readBody(limit);
  if (!body.ok) {
    return body.reason === "too-large" ? tooLarge(limit) : problemReply(400, "invalid_json", "The body is not valid UTF-8.");
  }
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch (error) {
    return problemReply(400, "invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  const now = deps.now();
  const parsed = parseIngestBody(json, now);
  if (!parsed.ok) {
    const count = parsed.errors.length;
    return problemReply(400, "invalid_body", `The request has ${count} problem${count === 1 ? "" : "s"}; nothing was stored.`, {
      issues: parsed.errors,
    });
  }
  await deps.enqueue(parsed.events, { apiKeyName: key.name, apiKeyId: key.id, now });
  return { status: 202, headers: {}, body: { accepted: parsed.events.length, ids: parsed.events.map((e) => e.id) } };
}

/** Admin keys configure Broadcast; keeping them off the ingest path keeps them out of app configs. */
export function wrongScopeReply(): IngestReply {
  return problemReply(403, "wrong_key_scope", "This API key has the admin scope: it manages destinations and cannot send traces. Send traces with an ingest key.");
}

function tooLarge(limit: number): IngestReply {
  return problemReply(413, "body_too_large", `The body is larger than ${limit} bytes (1 MiB). Send fewer traces per request.`);
}
