import "server-only";
import { Prisma, type ApiKey, type PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { generateApiKey, hashApiKey, looksLikeApiKey } from "./api-key-format";
import type { ApiKeyView, CreatedApiKey } from "./api-key-view";
import { parseStoredScope, type ApiKeyScope } from "./api-key-scope";
import { getLogger } from "@/lib/platform/logging/logger";

// The data access layer for API keys: the only code that sees key hashes. The plaintext key exists
// only in createApiKey's return value (shown once) and in the caller's request; neither is stored or logged.

export const DUPLICATE_NAME_MESSAGE = "An API key with this name already exists.";
/** lastUsedAt is a hint for people ("used 3 minutes ago"), so minute precision is enough. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export type CreateApiKeyResult =
  | ({ ok: true } & CreatedApiKey)
  | { ok: false; fieldErrors: { name: string[] } };

/** scope null: a scope this version does not know; every endpoint refuses it. */
export type AuthenticatedApiKey = { id: string; name: string; scope: ApiKeyScope | null };

function toView(row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    scope: parseStoredScope(row.scope) ?? "ingest",
  };
}


/** `name` must already have passed apiKeyNameSchema. Names stay taken after revoke (the index says so too). */
export async function createApiKey(prisma: PrismaClient, name: string, scope: ApiKeyScope = "ingest"): Promise<CreateApiKeyResult> {
  if (await isNameTaken(prisma, name)) return duplicateName();
  const { key, prefix, hash } = generateApiKey();
  try {
    const row = await prisma.apiKey.create({ data: { name, keyHash: hash, keyPrefix: prefix, scope } });
    return { ok: true, key, apiKey: toView(row) };
  } catch (error) {
    // Two creates with one name can both pass the check above; the unique index decides.
    if (isUniqueViolation(error) && (await isNameTaken(prisma, name))) return duplicateName();
    throw error;
  }
}

async function isNameTaken(prisma: PrismaClient, name: string): Promise<boolean> {
  return (await prisma.apiKey.findUnique({ where: { name }, select: { id: true } })) !== null;
}

function duplicateName(): CreateApiKeyResult {
  return { ok: false, fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] } };
}

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  // pglite-prisma-adapter bundles an older driver-adapter-utils whose DriverAdapterError Prisma does not
  // recognise, so its errors arrive unmapped: { kind: "postgres", code: "23505" } is unique_violation.
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return false;
  const cause = error.cause as { kind?: unknown; code?: unknown } | undefined;
  return cause?.kind === "UniqueConstraintViolation" || (cause?.kind === "postgres" && cause.code === "23505");
}

/** Active keys first, newest first within each group. */
export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeyView[]> {
  const rows = await prisma.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(toView).sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** Revokes for good (there is no un-revoke); revoking twice keeps the first time. Null when unknown. */
export async function revokeApiKey(prisma: PrismaClient, id: string, now: Date = new Date()): Promise<ApiKeyView | null> {
  forgetActiveKey(id); // before the write too: a lookup started now must not cache what it reads
  await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  forgetActiveKey(id);
  const row = await prisma.apiKey.findUnique({ where: { id } });
  return row ? toView(row) : null;
}

/**
 * The active key `rawKey` stands for, or null. Records the use at most once a minute per key.
 * A key found active is remembered for AUTH_CACHE_MS, so a busy client costs one lookup per key per
 * window instead of one per request; revoking through this process forgets it at once, another app
 * instance's revoke takes effect here within the window (docs/security.md).
 */
export async function authenticateApiKey(
  prisma: PrismaClient,
  rawKey: string,
  now: Date = new Date(),
): Promise<AuthenticatedApiKey | null> {
  if (!looksLikeApiKey(rawKey)) return null;
  const keyHash = hashApiKey(rawKey);
  const cached = activeKeys.get(keyHash);
  if (cached && now.getTime() - cached.at < AUTH_CACHE_MS && cached.at <= now.getTime()) {
    recordLastUsed(prisma, cached.key.id, now);
    return { ...cached.key };
  }
  // A revoke that lands while this lookup is in flight may have read the row before it; such a
  // lookup may still answer (it started first) but must not put the key back in the cache.
  const revocationsBefore = caches.get().revocations.count;
  const row = await prisma.apiKey.findUnique({
    where: { keyHash },
    select: { id: true, name: true, revokedAt: true, scope: true },
  });
  if (!row || row.revokedAt !== null) {
    activeKeys.delete(keyHash);
    return null;
  }
  const key = { id: row.id, name: row.name, scope: parseStoredScope(row.scope) };
  if (activeKeys.size >= AUTH_CACHE_MAX_KEYS) activeKeys.clear();
  if (caches.get().revocations.count === revocationsBefore) activeKeys.set(keyHash, { key, at: now.getTime() });
  recordLastUsed(prisma, row.id, now);
  return { ...key };
}

export const AUTH_CACHE_MS = 5_000;
const AUTH_CACHE_MAX_KEYS = 10_000;

// Per process: when this process last wrote lastUsedAt for each key id. A busy key would otherwise cost
// one UPDATE per ingest request. Several app instances each write at most once a minute, still cheap.
// In the runtime container because a production build may load this module in several module graphs.
const caches = runtimeSlot("api-keys.caches", () => ({
  // Keyed by the key's SHA-256 (never the key itself).
  activeKeys: new Map<string, { key: AuthenticatedApiKey; at: number }>(),
  lastWrites: new Map<string, number>(),
  pendingWrites: new Set<Promise<void>>(),
  // Bumped by every revoke in this process (see authenticateApiKey).
  revocations: { count: 0 },
}));
const { activeKeys, lastWrites, pendingWrites } = caches.get();

function recordLastUsed(prisma: PrismaClient, id: string, now: Date): void {
  const at = now.getTime();
  const previous = lastWrites.get(id);
  if (previous !== undefined && at - previous < LAST_USED_WRITE_INTERVAL_MS) return;
  lastWrites.set(id, at);
  // Fire and forget: the caller's request must not wait for bookkeeping.
  const write = prisma.apiKey
    .updateMany({ where: { id }, data: { lastUsedAt: now } })
    .then(
      () => undefined,
      (error: unknown) => {
        // Let the next request try again. The log names the key's id, never the key.
        if (lastWrites.get(id) === at) lastWrites.delete(id);
        getLogger().warn({ module: "api-keys", apiKeyId: id, err: error }, "could not record the last use of an API key");
      },
    )
    .finally(() => pendingWrites.delete(write));
  pendingWrites.add(write);
}

function forgetActiveKey(id: string): void {
  caches.get().revocations.count += 1;
  for (const [hash, entry] of activeKeys) if (entry.key.id === id) activeKeys.delete(hash);
}

/** Resolves once every lastUsedAt write started so far has finished (tests, graceful shutdown). */
export async function settleLastUsedWrites(): Promise<void> {
  await Promise.all([...pendingWrites]);
}
