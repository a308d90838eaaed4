import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { deleteDestination, updateDestinationFlags } from "@/lib/destinations/destination-store";
import {
  cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, listKeys, makeEvents, startTestWorkers, testKeyring, testTargets, waitFor, watchClaims,
} from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { listDeadLetters, listDestinationHealth } from "./delivery-health";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { backlogSize, enqueueBatch, enqueueTraces, isBacklogFull } from "./enqueue";
import {
  claimDeliveries, markDelivered, pauseDestination, recordFailures, releaseAllLeases, replayDeadLetter, replayDeadLetters, resumeDestination,
} from "./queue-store";
import { hasAutovacuum, reclaimStorage, vacuumQueueTables } from "./storage-reclaim";
import type { DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

const s3rver = inject("s3rver");
const CTX = { apiKeyName: "queue-tests", apiKeyId: "queue-tests-id", now: new Date() };
const run = () => randomUUID().slice(0, 8);

describe.each(testTargets())("delivery queue ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers[] = [];

  beforeAll(async () => {
    database = await openDatabase(target);
    bucket = createTestS3Client(s3rver);
  });
  afterAll(async () => {
    bucket?.destroy();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });

  const prisma = () => database.prisma;
  const destination = (opts: Parameters<typeof createTestDestination>[2] = {}) => createTestDestination(prisma(), s3rver, opts);
  const start = (opts: Parameters<typeof startTestWorkers>[2] = {}) => {
    const w = startTestWorkers(prisma(), s3rver.endpoint, opts);
    workers.push(w);
    return w;
  };
  const counts = () => countByStatus(prisma());

  it("stores nothing at all while Broadcast is off", async () => {
    await destination();
    await enableBroadcast(prisma(), false);
    expect(await enqueueTraces(prisma(), makeEvents(run(), 3), CTX)).toEqual({ traceIds: [], deliveries: 0 });
    expect(await prisma().trace.count()).toBe(0);
    expect(await prisma().delivery.count()).toBe(0);
  });

  it("stores again at once when Broadcast is switched back on after batches that found it off", async () => {
    await destination();
    await enableBroadcast(prisma(), false);
    for (let i = 0; i < 2; i++) expect((await enqueueTraces(prisma(), makeEvents(run(), 2), CTX)).deliveries).toBe(0);
    await enableBroadcast(prisma(), true);
    expect(await enqueueTraces(prisma(), makeEvents(run(), 2), CTX)).toMatchObject({ deliveries: 2 });
    expect(await prisma().delivery.count()).toBe(2);
  });

  it("enqueues one delivery per enabled destination, with that destination's key and privacy flag", async () => {
    const open = await destination({ bucket: "traces" });
    const privateDest = await destination({ bucket: "traces-2", privacyMode: true });
    const disabled = await destination({ enabled: false });
    const events = makeEvents(run(), 3);
    const result = await enqueueTraces(prisma(), events, CTX);
    expect(result.traceIds).toHaveLength(3);
    expect(result.deliveries).toBe(6);
    const rows = await prisma().delivery.findMany({ include: { trace: true } });
    expect(rows.filter((r) => r.destinationId === disabled.id)).toEqual([]);
    expect(rows.filter((r) => r.destinationId === privateDest.id).every((r) => r.privacyMode)).toBe(true);
    expect(rows.filter((r) => r.destinationId === open.id).every((r) => !r.privacyMode)).toBe(true);
    const date = events[0]?.createdAt.toISOString().slice(0, 10);
    expect(rows.find((r) => r.destinationId === open.id && r.objectKey.includes(events[0]?.id ?? "?"))?.objectKey)
      .toMatch(new RegExp(`^${open.prefix}/${date}/${events[0]?.id}-\\d+-[0-9a-f]{32}\\.json$`));
    expect(rows[0]?.trace.apiKeyName).toBe("queue-tests");
    expect((rows[0]?.trace.event as { createdAt: unknown }).createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    start();
    await waitFor(async () => (await counts()).delivered === 6, { what: "6 delivered" });
    const redacted = await listKeys(bucket, "traces-2", `${privateDest.prefix}/`);
    expect(redacted).toHaveLength(3);
    const file = JSON.parse(await getObjectText(bucket, "traces-2", redacted[0] as string));
    expect(file.privacyMode).toBe(true);
    expect(file.observations.every((o: { input: unknown; output: unknown }) => o.input === null && o.output === null)).toBe(true);
  });

  it("commits several requests in one transaction, each with its own key name, time and destinations", async () => {
    const a = await destination({ bucket: "traces" });
    const b = await destination({ bucket: "traces-2" });
    const id = run();
    const tricky = makeEvents(`${id}-t`, 1)[0] as NormalizedEvent;
    // Quotes, backslashes, braces, commas, non-ASCII: the batch travels as PostgreSQL array literals.
    const text = 'He said "hi", {then} \\left\\ ; \u00e9\u6f22\ud83d\ude00 NULL';
    tricky.input = { messages: [{ role: "user", content: text }] } as NormalizedEvent["input"];
    const later = new Date(CTX.now.getTime() + 60_000);
    const results = await enqueueBatch(prisma(), [
      { events: makeEvents(`${id}-a`, 2), ctx: CTX },
      { events: [], ctx: CTX },
      { events: [tricky], ctx: { apiKeyName: "other-key", apiKeyId: "other-key-id", now: later } },
      { events: makeEvents(`${id}-b`, 3), ctx: { ...CTX, onlyDestinationId: b.id } },
    ]);
    expect(results.map((r) => [r.traceIds.length, r.deliveries])).toEqual([[2, 4], [0, 0], [1, 2], [3, 3]]);
    expect(await prisma().trace.count()).toBe(6);
    expect(await prisma().delivery.count({ where: { destinationId: a.id } })).toBe(3);
    expect(await prisma().delivery.count({ where: { destinationId: b.id } })).toBe(6);
    const stored = await prisma().trace.findUniqueOrThrow({ where: { id: results[2]?.traceIds[0] } });
    expect(stored.apiKeyName).toBe("other-key");
    expect(stored.receivedAt.toISOString()).toBe(later.toISOString());
    expect(JSON.stringify(stored.event)).toContain(JSON.stringify(text).slice(1, -1));
    const deliveries = await prisma().delivery.findMany({ where: { traceId: stored.id } });
    expect(deliveries.every((d) => d.status === "pending" && d.attempts === 0 && d.id.length === 36)).toBe(true);
  });

  it("stores more events than one INSERT carries (1,500, in two statements), each once", async () => {
    await destination();
    const events = makeEvents(run(), 1_500);
    const result = await enqueueTraces(prisma(), events, CTX);
    expect(result).toMatchObject({ deliveries: 1_500 });
    expect(new Set(result.traceIds).size).toBe(1_500);
    expect(await prisma().trace.count()).toBe(1_500);
    expect(await prisma().delivery.count()).toBe(1_500);
  });

  it("keeps a backlog while Broadcast is off or the destination disabled, and delivers it afterwards", async () => {
    const dest = await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 4), CTX);
    await enableBroadcast(prisma(), false);
    const claims = watchClaims();
    const rounds = claims.next(2);
    start({ onClaim: claims.onClaim });
    expect((await rounds).map((t) => t.claimed)).toEqual([0, 0]);
    expect(await counts()).toEqual({ pending: 4 });
    await enableBroadcast(prisma(), true);
    await waitFor(async () => (await counts()).delivered === 4, { what: "delivered after Broadcast on" });

    await enqueueTraces(prisma(), makeEvents(run(), 3), CTX);
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { enabled: false });
    // The worker may have taken some before the switch: let those finish and their results land.
    await claims.idle();
    await waitFor(async () => (await prisma().delivery.count({ where: { lockedBy: { not: null } } })) === 0, { what: "no leased rows" });
    const waiting = (await counts()).pending ?? 0;
    // What is left waits: the next rounds look and take nothing.
    expect((await claims.next(2)).map((t) => t.claimed)).toEqual([0, 0]);
    expect((await counts()).pending ?? 0).toBe(waiting);
    expect((await listDestinationHealth(prisma()))[0]?.status).toBe("disabled");
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { enabled: true });
    await waitFor(async () => (await counts()).delivered === 7, { what: "delivered after re-enabling" });
  });

  it("counts the backlog cheaply for ingest backpressure", async () => {
    await destination();
    await destination();
    expect(await backlogSize(prisma())).toBe(0);
    expect(await isBacklogFull(prisma(), 10)).toBe(false);
    await enqueueTraces(prisma(), makeEvents(run(), 5), CTX);
    expect(await backlogSize(prisma())).toBe(10);
    // Within the cache second the count is not re-read, but our own inserts are added.
    expect(await isBacklogFull(prisma(), 10)).toBe(true);
    expect(await isBacklogFull(prisma(), 11)).toBe(false);
  });

  it("never hands the same row to two claims", async () => {
    await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 15), CTX);
    const [a, b] = await Promise.all([
      claimDeliveries(prisma(), { workerId: "a", limit: 10, leaseMs: 60_000 }),
      claimDeliveries(prisma(), { workerId: "b", limit: 10, leaseMs: 60_000 }),
    ]);
    const ids = [...(a ?? []), ...(b ?? [])].map((r) => r.id);
    expect(ids).toHaveLength(15);
    expect(new Set(ids).size).toBe(15);
    expect(await claimDeliveries(prisma(), { workerId: "c", limit: 10, leaseMs: 60_000 })).toEqual([]);
    // Only the lease holder can complete a row.
    expect(await markDelivered(prisma(), "c", (a ?? []).map((r) => ({ id: r.id, bytes: 1 })))).toBe(0);
    expect(await markDelivered(prisma(), "a", (a ?? []).map((r) => ({ id: r.id, bytes: 1 })))).toBe(a?.length);
  });

  it("frees a crashed run's leases at once when asked (embedded start-up)", async () => {
    await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 3), CTX);
    expect(await claimDeliveries(prisma(), { workerId: "crashed", limit: 10, leaseMs: 60_000 })).toHaveLength(3);
    expect(await claimDeliveries(prisma(), { workerId: "next", limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(await releaseAllLeases(prisma())).toBe(3);
    expect(await claimDeliveries(prisma(), { workerId: "next", limit: 10, leaseMs: 60_000 })).toHaveLength(3);
  });

  it("stores error text exactly, whatever characters it has", async () => {
    await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 2), CTX);
    const claimed = await claimDeliveries(prisma(), { workerId: "w", limit: 2, leaseMs: 60_000 });
    const message = `He said "no", {braces} \\ back\\slash, ünïcødé; NULL`;
    const written = await recordFailures(prisma(), "w", claimed.map((r, i) => ({
      id: r.id, outcome: i === 0 ? "retry" : "dead", delayMs: 60_000, code: "server-error", message,
    })));
    expect(written).toBe(2);
    const rows = await prisma().delivery.findMany({ orderBy: { status: "asc" } });
    expect(rows.map((r) => [r.status, r.lastError, r.lockedBy])).toEqual([["dead", message, null], ["pending", message, null]]);
    const pending = rows.find((r) => r.status === "pending");
    expect(pending?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await listDestinationHealth(prisma()))[0]?.lastError).toMatchObject({ code: "server-error", message });
  });

  it("does not pause a destination that was edited since the failing attempt", async () => {
    const dest = await destination();
    const before = await prisma().destination.findUniqueOrThrow({ where: { id: dest.id } });
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { privacyMode: true });
    expect(await pauseDestination(prisma(), dest.id, { code: "access-denied", message: "no" }, before.updatedAt)).toBe(false);
    const current = await prisma().destination.findUniqueOrThrow({ where: { id: dest.id } });
    expect(current.pausedAt).toBeNull();
    expect(await pauseDestination(prisma(), dest.id, { code: "access-denied", message: "no" }, current.updatedAt)).toBe(true);
  });

  it("answers malformed ids from the UI with 'not found' instead of a database error", async () => {
    expect(await pauseDestination(prisma(), "nope", { code: "x", message: "x" })).toBe(false);
    expect(await resumeDestination(prisma(), "'; drop table deliveries; --")).toBe(false);
    expect(await replayDeadLetter(prisma(), "")).toBe(false);
    expect(await replayDeadLetters(prisma(), "123")).toBe(0);
    expect(await listDeadLetters(prisma(), "x")).toEqual([]);
    expect(await resumeDestination(prisma(), randomUUID())).toBe(false);
  });

  it("reclaims old delivered rows beyond the newest 50 per destination, keeping the counts", async () => {
    const dest = await destination();
    const other = await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 60), CTX);
    start();
    await waitFor(async () => (await counts()).delivered === 120, { what: "120 delivered" });
    await workers.pop()?.stop();

    // Young rows are kept whatever their number.
    expect(await reclaimStorage(prisma())).toEqual({ deliveries: 0, traces: 0 });
    const rows = await prisma().delivery.findMany({ where: { destinationId: dest.id }, orderBy: { id: "asc" } });
    await Promise.all(rows.map((r, i) =>
      prisma().delivery.update({ where: { id: r.id }, data: { deliveredAt: new Date(Date.now() - 11 * 60_000 - i * 1_000) } })));
    await prisma().delivery.updateMany({ where: { destinationId: other.id }, data: { deliveredAt: new Date(Date.now() - 11 * 60_000) } });

    // `other` has 60 rows with one timestamp: ties at the cutoff are all kept.
    expect(await reclaimStorage(prisma(), { batchSize: 4 })).toEqual({ deliveries: 10, traces: 0 });
    expect(await prisma().delivery.count({ where: { destinationId: dest.id } })).toBe(50);
    const kept = await prisma().delivery.findMany({ where: { destinationId: dest.id }, select: { id: true } });
    expect(kept.map((r) => r.id).sort()).toEqual(rows.slice(0, 50).map((r) => r.id).sort()); // the newest 50
    const health = await listDestinationHealth(prisma());
    expect(health.map((h) => h.counts.delivered)).toEqual([60, 60]);
    expect(health[0]?.recent).toHaveLength(10);

    // Traces go once no destination needs them any more.
    await deleteDestination(prisma(), other.id);
    expect(await prisma().trace.count()).toBe(60);
    const swept = await reclaimStorage(prisma(), { sweepOrphans: true, batchSize: 4 });
    expect(swept.traces).toBe(10);
    expect(await prisma().trace.count()).toBe(50);
  });

  it("knows whether the database vacuums on its own, and can vacuum the queue tables itself", async () => {
    // PGlite reports autovacuum "on" but runs as one standalone backend, without the launcher.
    const setting = await prisma().$queryRaw<{ on: boolean }[]>`SELECT current_setting('autovacuum') = 'on' AS on`;
    expect(await hasAutovacuum(prisma())).toBe(target.kind === "postgres" && setting[0]?.on === true);
    await destination();
    await enqueueTraces(prisma(), makeEvents(run(), 20), CTX);
    await prisma().delivery.updateMany({ data: { attempts: 1 } });
    await vacuumQueueTables(prisma());
    const stats = await prisma().$queryRaw<{ n_dead_tup: bigint }[]>`
      SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'deliveries'`;
    if (target.kind === "pglite") expect(Number(stats[0]?.n_dead_tup)).toBe(0);
  });
});
