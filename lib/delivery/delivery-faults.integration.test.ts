import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { startFaultProxy, type FaultProxy } from "@/tests/faults/fault-proxy";
import {
  cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, listKeys, makeEvents, startTestWorkers, testTargets, waitFor, watchClaims,
} from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { listDeadLetters, listDestinationHealth } from "./delivery-health";
import { enqueueTraces } from "./enqueue";
import { claimDeliveries, replayDeadLetter, replayDeadLetters, resumeDestination } from "./queue-store";
import { buildTraceBody } from "./trace-payload";
import type { DeliveryWorkerOptions, DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

const s3rver = inject("s3rver");
const CTX = { apiKeyName: "fault-tests", apiKeyId: "fault-tests-id", now: new Date() };

describe.each(testTargets())("delivery under S3 faults ($name)", ({ target }) => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let bucket: S3Client;
  let workers: DeliveryWorkers[] = [];

  beforeAll(async () => {
    database = await openDatabase(target);
    proxy = await startFaultProxy(s3rver.endpoint);
    bucket = createTestS3Client(s3rver);
  });
  afterAll(async () => {
    bucket?.destroy();
    await proxy?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
    proxy.setMode("pass", { latencyMs: 0 });
    proxy.setRule(null);
    proxy.clearRequests();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });

  const prisma = () => database.prisma;
  const destination = (opts: Parameters<typeof createTestDestination>[2] = {}) =>
    createTestDestination(prisma(), { ...s3rver, endpoint: proxy.endpoint }, opts);
  const start = (opts: Partial<DeliveryWorkerOptions> = {}) => {
    const w = startTestWorkers(prisma(), proxy.endpoint, {
      concurrency: 8,
      leaseMs: 10_000,
      attemptTimeoutMs: 1_000,
      retryPolicy: { baseMs: 50, capMs: 400 },
      ...opts,
    });
    workers.push(w);
    return w;
  };
  const statusIs = (want: Record<string, number>) => async () => {
    const counts = await countByStatus(prisma());
    const sorted = (o: Record<string, number>) => JSON.stringify(Object.entries(o).sort());
    return sorted(counts) === sorted(want) ? counts : null;
  };

  async function expectObjects(prefix: string, events: NormalizedEvent[], opts: { bucket?: string; privacyMode?: boolean } = {}) {
    const rows = await prisma().delivery.findMany({ where: { objectKey: { startsWith: `${prefix}/` } }, select: { objectKey: true } });
    const keys = await listKeys(bucket, opts.bucket ?? "traces", `${prefix}/`);
    expect(keys).toEqual(rows.map((r) => r.objectKey).sort());
    expect(new Set(keys).size).toBe(events.length);
    for (const event of events) {
      const key = keys.find((k) => k.includes(`/${event.id}-`));
      expect(key, `object for ${event.id}`).toBeDefined();
      const body = await getObjectText(bucket, opts.bucket ?? "traces", key as string);
      expect(body).toBe(buildTraceBody(event, { apiKeyName: CTX.apiKeyName, privacyMode: opts.privacyMode ?? false }));
    }
  }

  it("keeps traces accepted while S3 is down and delivers every one when it is back", async () => {
    const { prefix } = await destination();
    const timedOut = new Set<string>();
    start({ onAttempt: (e) => void (e.phase === "end" && e.code === "timeout" && timedOut.add(e.deliveryId)) });
    proxy.setMode("503");
    const run = randomUUID().slice(0, 8);
    const first = makeEvents(run, 15);
    await enqueueTraces(prisma(), first, CTX);
    await waitFor(async () => proxy.requests.length >= 15, { what: "failed attempts" });
    proxy.setMode("blackhole");
    const second = makeEvents(run, 15, 15);
    await enqueueTraces(prisma(), second, CTX);
    // Wait for the black hole to be observed: attempts that timed out, their results recorded.
    await waitFor(async () => timedOut.size >= 8 && (await listDestinationHealth(prisma()))[0]?.lastError?.code === "timeout", { what: "timed-out attempts recorded" });

    expect(await countByStatus(prisma())).toEqual({ pending: 30 });
    const [health] = await listDestinationHealth(prisma());
    expect(health).toMatchObject({ status: "retrying", counts: { delivered: 0, pending: 30, failed: 0 } });
    expect(["slow-down", "timeout"]).toContain(health?.lastError?.code);

    proxy.setMode("pass");
    await waitFor(statusIs({ delivered: 30 }), { what: "all 30 delivered" });
    await expectObjects(prefix, [...first, ...second]);
    const [after] = await listDestinationHealth(prisma());
    expect(after).toMatchObject({ status: "healthy", counts: { delivered: 30, pending: 0, failed: 0 } });
    expect(after?.recent).toHaveLength(10);
  });

  it("retries a burst of 503s with growing waits, then delivers", async () => {
    const { prefix } = await destination({ privacyMode: true });
    const failures = new Map<string, number>();
    proxy.setRule(({ method, path }) => {
      if (method !== "PUT") return null;
      const n = (failures.get(path) ?? 0) + 1;
      failures.set(path, n);
      return n <= 4 ? "503" : null;
    });
    // Jitter pinned near its maximum so each wait's lower bound is known exactly; without fast
    // recovery, so the first success does not release the others early (tests/ops/recovery…).
    start({ retryPolicy: { baseMs: 100, capMs: 10_000 }, random: () => 0.999, fastRecovery: false });
    const events = makeEvents(randomUUID().slice(0, 8), 6);
    await enqueueTraces(prisma(), events, CTX);
    await waitFor(statusIs({ delivered: 6 }), { what: "all 6 delivered" });
    await expectObjects(prefix, events, { privacyMode: true });

    const byPath = new Map<string, number[]>();
    for (const r of proxy.requests) if (r.method === "PUT") byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.at]);
    expect(byPath.size).toBe(6);
    for (const times of byPath.values()) {
      expect(times).toHaveLength(5);
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      gaps.forEach((gap, i) => {
        const wait = Math.floor(0.999 * 100 * 2 ** i);
        expect(gap).toBeGreaterThanOrEqual(wait - 5);
        expect(gap).toBeLessThan(wait + 1_500);
      });
      // No gap-to-gap comparison: the lower bounds above already double each time, and a gap's delay
      // above its wait is scheduling noise (a loaded machine can stretch one gap past the next).
    }
    const rows = await prisma().delivery.findMany();
    expect(rows.every((r) => r.attempts === 5 && r.lastError === null)).toBe(true);
  });

  it("pauses the destination on AccessDenied, keeps the backlog, and delivers after resume", async () => {
    const { id, prefix } = await destination();
    proxy.setMode("403");
    const claims = watchClaims();
    start({ onClaim: claims.onClaim });
    const events = makeEvents(randomUUID().slice(0, 8), 12);
    await enqueueTraces(prisma(), events, CTX);
    await waitFor(async () => (await listDestinationHealth(prisma()))[0]?.status === "paused", { what: "pause" });
    // The writes that failed before the pause are handed back: wait until nothing is leased.
    await claims.idle();
    await waitFor(async () => (await prisma().delivery.count({ where: { lockedBy: { not: null } } })) === 0, { what: "no leased rows" });

    const [health] = await listDestinationHealth(prisma());
    expect(health).toMatchObject({ status: "paused", pause: { code: "access-denied" }, counts: { pending: 12, failed: 0 } });
    const rows = await prisma().delivery.findMany();
    // The refusal did not spend any delivery's retry budget, and nothing stays leased.
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0 && r.lockedBy === null)).toBe(true);
    const seen = proxy.requests.length;
    expect(seen).toBeLessThanOrEqual(12);
    // Paused: the next rounds look and take nothing, and S3 sees no more attempts.
    expect((await claims.next(2)).map((t) => t.claimed)).toEqual([0, 0]);
    expect(proxy.requests.length).toBe(seen);

    proxy.setMode("pass");
    expect(await resumeDestination(prisma(), id)).toBe(true);
    await waitFor(statusIs({ delivered: 12 }), { what: "delivery after resume" });
    await expectObjects(prefix, events);
    expect((await listDestinationHealth(prisma()))[0]).toMatchObject({ status: "healthy", pause: null });
  });

  it("dead-letters deliveries past the retry horizon, lists them, and replays them", async () => {
    const { id, prefix } = await destination();
    proxy.setMode("500");
    // The horizon leaves room for at least two attempts 30-60 ms apart even on a loaded machine (at
    // 400 ms a slow first claim could use it all up, leaving one attempt).
    start({ retryPolicy: { baseMs: 30, capMs: 60, horizonMs: 1_500 } });
    const events = makeEvents(randomUUID().slice(0, 8), 5);
    await enqueueTraces(prisma(), events, CTX);
    await waitFor(statusIs({ dead: 5 }), { what: "5 dead letters" });

    const dead = await listDeadLetters(prisma(), id);
    expect(dead).toHaveLength(5);
    for (const letter of dead) {
      expect(letter).toMatchObject({ errorCode: "server-error", error: "The storage service had an internal error." });
      expect(letter.attempts).toBeGreaterThanOrEqual(2);
      expect(letter.key.startsWith(`${prefix}/`)).toBe(true);
      expect(letter.lastAttemptAt).not.toBeNull();
    }
    expect((await listDestinationHealth(prisma()))[0]).toMatchObject({ status: "healthy", counts: { failed: 5, pending: 0 } });

    proxy.setMode("pass");
    expect(await replayDeadLetter(prisma(), (dead[0] as { id: string }).id)).toBe(true);
    await waitFor(statusIs({ dead: 4, delivered: 1 }), { what: "one replayed" });
    expect(await replayDeadLetters(prisma(), id)).toBe(4);
    await waitFor(statusIs({ delivered: 5 }), { what: "all replayed" });
    await expectObjects(prefix, events);
    const rows = await prisma().delivery.findMany();
    expect(rows.every((r) => r.attempts === 1)).toBe(true); // the horizon and budget restarted
  });

  it("takes over a crashed worker's rows only after its lease ran out", async () => {
    const { prefix } = await destination();
    const events = makeEvents(randomUUID().slice(0, 8), 4);
    await enqueueTraces(prisma(), events, CTX);
    const claimedAt = Date.now();
    const ghost = await claimDeliveries(prisma(), { workerId: "crashed-worker", limit: 10, leaseMs: 700 });
    expect(ghost).toHaveLength(4);
    start();
    await waitFor(statusIs({ delivered: 4 }), { what: "takeover" });
    expect(Math.min(...proxy.requests.map((r) => r.at))).toBeGreaterThanOrEqual(claimedAt + 690);
    await expectObjects(prefix, events);
    expect((await prisma().delivery.findMany()).map((r) => r.attempts)).toEqual([2, 2, 2, 2]);
  });

  it("stops gracefully: finishes running writes and hands unstarted rows back", async () => {
    await destination();
    proxy.setMode("latency", { latencyMs: 600 });
    const w = start({ concurrency: 2 });
    await enqueueTraces(prisma(), makeEvents(randomUUID().slice(0, 8), 10), CTX);
    await waitFor(async () => proxy.requests.length >= 2, { what: "two writes in flight" });
    await w.stop();
    expect(proxy.requests).toHaveLength(2);
    expect(await countByStatus(prisma())).toEqual({ delivered: 2, pending: 8 });
    const pending = await prisma().delivery.findMany({ where: { status: "pending" } });
    expect(pending.every((r) => r.lockedBy === null && r.lockedUntil === null && r.attempts === 0)).toBe(true);
  });
});
