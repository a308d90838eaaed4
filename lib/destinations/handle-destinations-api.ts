import type { AuditActor } from "@/lib/audit-log/record-audit";
import { recordAudit } from "@/lib/audit-log/record-audit";
import type { S3Failure } from "@/lib/core/classify-s3-error";
import type { RateLimitDecision } from "@/lib/platform/http/rate-limiter";
import { listApiKeys } from "@/lib/api-keys/api-key-store";
import { problem } from "@/lib/ingest/handle-ingest";
import { readJsonBody } from "./api-json-body";
import { destinationAuditFields } from "./destination-audit";
import { fromApiBody, providerForEndpoint, toApiDestination, toApiPath, type ApiIssue } from "./destination-api-shape";
import { emptyDestinationForm } from "./destination-schema";
import { parseAndTest, saveTestedDestination, type DestinationDeps, type Refusal } from "./destination-service";
import { DestinationLimitError, deleteDestination, listDestinations, loadDestination } from "./destination-store";
import { toFormValues } from "./destination-form-values";
import { answerDestinationQueries } from "./destination-queries-api";

// /api/v1/destinations and /api/v1/api-keys, independent of Next.js like handle-ingest.ts. Every
// request needs an admin-scope key; create and update run the form's schema and connection test
// (through destination-service) and save only what passed.

export type DestinationsApiDeps = DestinationDeps & {
  parseBearer(header: string | null): string | null;
  authenticate(rawKey: string): Promise<{ id: string; name: string; scope: string | null } | null>;
  /** Connection tests make this server contact an address the caller chose: limited per key. */
  takeConnectionTest(keyId: string): RateLimitDecision | Promise<RateLimitDecision>;
};

type Caller = { id: string; name: string };

async function authorize(request: Request, deps: DestinationsApiDeps): Promise<Caller | Response> {
  const rawKey = deps.parseBearer(request.headers.get("authorization"));
  const bearer = { headers: { "WWW-Authenticate": "Bearer" } };
  if (!rawKey) return problem(401, "missing_api_key", "Send an admin API key as `Authorization: Bearer brd_…`.", bearer);
  const key = await deps.authenticate(rawKey);
  if (!key) return problem(401, "invalid_api_key", "The API key is unknown or has been revoked.", bearer);
  if (key.scope !== "admin") {
    return problem(403, "insufficient_scope", "This endpoint needs an API key with the admin scope; ingest keys can only send traces.");
  }
  return { id: key.id, name: key.name };
}

const actorOf = (caller: Caller): AuditActor => ({ id: null, email: `API key "${caller.name}"` });
const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const notFound = () => problem(404, "not_found", "No destination has this id.");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handleListDestinations(request: Request, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const views = await listDestinations(deps.prisma, deps.keyring);
  return json({ data: views.map(toApiDestination) });
}

export async function handleGetDestination(request: Request, id: string, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const stored = UUID.test(id) ? await loadDestination(deps.prisma, deps.keyring, id) : null;
  return stored ? json(toApiDestination(stripSettings(stored))) : notFound();
}

/** `GET /api/v1/destinations/{id}/queries`: the Athena table and DuckDB query for this destination's files. */
export async function handleDestinationQueries(request: Request, id: string, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const stored = UUID.test(id) ? await loadDestination(deps.prisma, deps.keyring, id) : null;
  const answer = answerDestinationQueries(stored ? stripSettings(stored) : null);
  return json(answer.body, answer.status);
}

export async function handleCreateDestination(request: Request, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const mapped = fromApiBody(body.value, emptyDestinationForm());
  if (!mapped.ok) return invalid(mapped.issues);
  if (!mapped.providerGiven) mapped.values.provider = providerForEndpoint(mapped.values.endpoint);
  return testAndSave(caller, mapped.values, deps, 201);
}

export async function handleUpdateDestination(request: Request, id: string, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const stored = UUID.test(id) ? await loadDestination(deps.prisma, deps.keyring, id) : null;
  if (!stored) return notFound();
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const view = stripSettings(stored);
  const mapped = fromApiBody(body.value, toFormValues(view), { secretAccessKey: view.secretAccessKeyMask, sessionToken: view.sessionTokenMask });
  if (!mapped.ok) return invalid(mapped.issues);
  if (!mapped.providerGiven && mapped.values.endpoint !== view.endpoint) mapped.values.provider = providerForEndpoint(mapped.values.endpoint);
  return testAndSave(caller, mapped.values, deps, 200);
}

export async function handleDeleteDestination(request: Request, id: string, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const before = UUID.test(id) ? await loadDestination(deps.prisma, deps.keyring, id) : null;
  if (!before || !(await deleteDestination(deps.prisma, id))) return notFound();
  await recordAudit(deps.prisma, {
    actor: actorOf(caller),
    action: "destination.delete",
    target: `destination "${before.name}"`,
    before: destinationAuditFields(before),
    after: null,
  });
  return new Response(null, { status: 204 });
}

/** The connection test on the stored settings; persists nothing. */
export async function handleTestDestination(request: Request, id: string, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const stored = UUID.test(id) ? await loadDestination(deps.prisma, deps.keyring, id) : null;
  if (!stored) return notFound();
  const limited = await rateLimited(caller, deps);
  if (limited) return limited;
  const tested = await parseAndTest(deps, toFormValues(stripSettings(stored)));
  if (!tested.ok) return refusal(tested);
  const { result } = tested;
  if (!result.ok) return connectionFailed(result.failure, result.roundTripMs);
  return json({ ok: true, key: result.key, round_trip_ms: result.roundTripMs });
}

export async function handleListApiKeys(request: Request, deps: DestinationsApiDeps): Promise<Response> {
  const caller = await authorize(request, deps);
  if (caller instanceof Response) return caller;
  const keys = await listApiKeys(deps.prisma);
  const data = keys
    .filter((key) => key.revokedAt === null)
    .map((key) => ({ id: key.id, name: key.name, scope: key.scope, created_at: key.createdAt, last_used_at: key.lastUsedAt }));
  return json({ data });
}

async function testAndSave(caller: Caller, values: unknown, deps: DestinationsApiDeps, status: 200 | 201): Promise<Response> {
  const limited = await rateLimited(caller, deps);
  if (limited) return limited;
  const tested = await parseAndTest(deps, values);
  if (!tested.ok) return refusal(tested);
  const { result } = tested;
  if (!result.ok) return connectionFailed(result.failure, result.roundTripMs);
  try {
    const view = await saveTestedDestination(deps, tested, actorOf(caller));
    return json(toApiDestination(view), status);
  } catch (error) {
    if (error instanceof DestinationLimitError) return problem(409, "destination_limit", error.message);
    throw error;
  }
}

async function rateLimited(caller: Caller, deps: DestinationsApiDeps): Promise<Response | null> {
  const limit = await deps.takeConnectionTest(caller.id);
  if (limit.allowed) return null;
  return problem(429, "rate_limited", `Too many connection tests for this API key. Retry after ${limit.retryAfterSeconds} s.`, {
    headers: { "Retry-After": String(limit.retryAfterSeconds) },
  });
}

function refusal(refused: Refusal): Response {
  if (refused.notFound) return notFound();
  if (refused.fieldErrors) {
    return invalid(Object.entries(refused.fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path: toApiPath(path), message }))));
  }
  return problem(400, "invalid_body", refused.formError ?? "The destination is not valid.");
}

function invalid(issues: ApiIssue[]): Response {
  const count = issues.length;
  return problem(400, "invalid_body", `The destination has ${count} problem${count === 1 ? "" : "s"}; nothing was saved.`, { issues });
}

function connectionFailed(failure: S3Failure, roundTripMs: number): Response {
  const body = {
    error: {
      code: "connection_test_failed",
      message: `Not saved: the connection test failed. ${failure.message}`,
      s3: { code: failure.code, message: failure.message, hint: failure.hint, ...(failure.status ? { status: failure.status } : {}) },
      round_trip_ms: roundTripMs,
    },
  };
  return json(body, 422);
}

function stripSettings<T extends { settings: unknown }>(stored: T): Omit<T, "settings"> {
  const { settings: _settings, ...view } = stored;
  return view;
}
