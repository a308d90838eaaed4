import { randomUUID } from "node:crypto";
import { defaultRoutingFields } from "@/lib/destinations/destination-fields";
import type { S3Client } from "@aws-sdk/client-s3";
import { listAllKeys } from "@/tests/s3/s3-test-client";
import type { DestinationInput } from "@/lib/destinations/destination-schema";
import { createKeyring } from "@/lib/platform/crypto/keyring";
import type { DatabaseTarget } from "@/lib/platform/db/database-target";
import { saveDestination } from "@/lib/destinations/destination-store";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { setBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";
import { startDeliveryWorkers, type ClaimTick, type DeliveryWorkerOptions, type DeliveryWorkers } from "@/lib/delivery/worker";
import { DEFAULT_FILE_SETTINGS, type FileSettings } from "@/lib/destinations/file-settings-schema";

// Shared by the delivery integration tests and the child worker processes they start.
// Importers must make "server-only" importable (vi.mock in tests, --conditions=react-server in children).

export const TEST_ENCRYPTION_KEY = "4f".repeat(32);
export const testKeyring = () => createKeyring(TEST_ENCRYPTION_KEY);

/** The stores to run on: always an in-memory PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function testTargets(): { name: string; target: DatabaseTarget }[] {
  const url = process.env.DATABASE_URL?.trim();
  return [
    { name: "PGlite", target: { kind: "pglite", dataDir: null } },
    ...(url ? [{ name: "PostgreSQL", target: { kind: "postgres", url } as DatabaseTarget }] : []),
  ];
}

/** Empties the tables the delivery engine touches (a shared PostgreSQL keeps rows between runs). */
export async function cleanDeliveryTables(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe("TRUNCATE deliveries, traces, destinations, settings CASCADE");
}

export type S3Endpoint = { endpoint: string; accessKeyId: string; secretAccessKey: string };

export async function createTestDestination(
  prisma: PrismaClient,
  s3: S3Endpoint,
  opts: {
    files?: Partial<FileSettings>;
    bucket?: string;
    prefix?: string;
    name?: string;
    enabled?: boolean;
    privacyMode?: boolean;
    routing?: Partial<ReturnType<typeof defaultRoutingFields>>;
  } = {},
): Promise<{ id: string; prefix: string }> {
  const prefix = opts.prefix ?? `t-${randomUUID().slice(0, 8)}`;
  const input: DestinationInput & { secretAccessKey: string; sessionToken: string } = {
    name: opts.name ?? prefix,
    provider: "other",
    bucketName: opts.bucket ?? "traces",
    region: "us-east-1",
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    sessionToken: "",
    prefix,
    pathTemplate: "{prefix}/{date}",
    enabled: opts.enabled ?? true,
    privacyMode: opts.privacyMode ?? false,
    ...DEFAULT_FILE_SETTINGS,
    ...opts.files,
    ...defaultRoutingFields(),
    ...opts.routing,
  };
  const view = await saveDestination(prisma, testKeyring(), input, new Date());
  return { id: view.id, prefix };
}

export const enableBroadcast = (prisma: PrismaClient, on = true) => setBroadcastEnabled(prisma, on);

/** `count` distinct valid events, ids `${runId}-${index}`. */
export function makeEvents(runId: string, count: number, offset = 0): NormalizedEvent[] {
  const now = new Date();
  const raw = Array.from({ length: count }, (_, i) => ({
    id: `${runId}-${String(offset + i).padStart(6, "0")}`,
    created_at: new Date(now.getTime() - (offset + i) * 1000).toISOString(),
    model: "openai/gpt-4o-mini",
    input: { messages: [{ role: "user", content: `question ${offset + i}` }] },
    output: { content: `answer ${offset + i}` },
    usage: { prompt_tokens: 3, completion_tokens: 5 },
  }));
  const events: NormalizedEvent[] = [];
  for (let i = 0; i < raw.length; i += 100) {
    const parsed = parseIngestBody({ traces: raw.slice(i, i + 100) }, now);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    events.push(...parsed.events);
  }
  return events;
}

export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? "a condition"}`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50));
  }
}

export async function countByStatus(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.delivery.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/**
 * Every key under `prefix`, sorted. ListObjects v1 with markers: s3rver encrypts v2 continuation
 * tokens with DES, which OpenSSL 3 (Node 20) refuses, so v2 listings past 1000 keys fail there.
 */
export function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  return listAllKeys(client, bucket, prefix);
}

/** Fast-polling workers for tests, allowed to reach the given loopback endpoint. */
export function startTestWorkers(
  prisma: PrismaClient,
  endpoint: string,
  opts: Partial<DeliveryWorkerOptions> = {},
): DeliveryWorkers {
  return startDeliveryWorkers({
    prisma,
    config: { keyring: testKeyring(), allowedEndpoints: [{ host: "127.0.0.1", port: Number(new URL(endpoint).port) }] },
    concurrency: 4,
    pollMs: 20,
    maxIdleMs: 100,
    reclaimEveryMs: 0,
    log: () => {},
    ...opts,
  });
}

/**
 * Records a worker's claim rounds (pass `onClaim` to startTestWorkers), so a test that expects
 * nothing to happen waits for rounds that looked and took nothing instead of sleeping.
 */
export function watchClaims() {
  const waiters: { want: (tick: ClaimTick) => boolean; count: number; seen: ClaimTick[]; resolve: (ticks: ClaimTick[]) => void }[] = [];
  const onClaim = (tick: ClaimTick) => {
    for (const waiter of [...waiters]) {
      if (!waiter.want(tick)) continue;
      waiter.seen.push(tick);
      if (waiter.seen.length > waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        // The first round may have queried before the caller's change: it does not count.
        waiter.resolve(waiter.seen.slice(1));
      }
    }
  };
  /** The next `count` rounds (matching `want`) that started after this call. */
  const next = (count: number, want: (tick: ClaimTick) => boolean = () => true, timeoutMs = 20_000) =>
    new Promise<ClaimTick[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} claim rounds`)), timeoutMs);
      waiters.push({ want, count, seen: [], resolve: (ticks) => (clearTimeout(timer), resolve(ticks)) });
    });
  /** Waits until a round finds the worker holding nothing (no queued or running writes). */
  const idle = () => next(1, (t) => t.claimed === 0 && t.queued === 0 && t.inFlight === 0);
  return { onClaim, next, idle };
}

/**
 * The event id a trace file was written for, from its key: `…/{eventId}-{epochSeconds}-{32 hex}.json`
 * for events sent without trace.trace_id (what the fixtures make). One place, so tests follow the
 * file-name rule in lib/core/object-keys/object-key.ts when it changes.
 */
export function eventIdFromKey(key: string): string {
  return (key.split("/").pop() as string).replace(/-\d+-[0-9a-f]{32}\.json$/, "");
}
