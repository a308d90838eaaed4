import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { startFaultProxy, type FaultProxy } from "@/tests/faults/fault-proxy";
import {
  cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, makeEvents, startTestWorkers, testTargets, waitFor,
} from "@/tests/delivery/delivery-fixtures";
import { listDeadLetters, listDestinationHealth } from "./delivery-health";
import { backlogSize, enqueueTraces } from "./enqueue";
import { replayDeadLetters, resumeDestination } from "./queue-store";
import type { DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

// A batch fails the way a single trace does: retried under the same key, paused for what only the
// user can fix, dead-lettered past the horizon, and replayed into a new batch.

const s3rver = inject("s3rver");
const files = { fileLayout: "batched", batchMaxSeconds: 1, gzip: true } as const;

describe.each(testTargets())("batch failures ($name)", ({ target }) => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let workers: DeliveryWorkers | null = null;

  beforeAll(async () => {
    database = await openDatabase(target);
    proxy = await startFaultProxy(s3rver.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
    proxy.setMode("pass");
    proxy.clearRequests();
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  const setUp = async (opts: Parameters<typeof startTestWorkers>[2] = {}) => {
    const dest = await createTestDestination(database.prisma, { ...s3rver, endpoint: proxy.endpoint }, { prefix: `bf-${randomUUID().slice(0, 8)}`, files });
    workers = startTestWorkers(database.prisma, proxy.endpoint, { batches: { sealEveryMs: 50 }, retryPolicy: { baseMs: 50, capMs: 100 }, ...opts });
    await enqueueTraces(database.prisma, makeEvents(randomUUID().slice(0, 8), 4), { apiKeyName: "bf", apiKeyId: "bf", now: new Date() });
    return dest;
  };
  const batchPuts = () => proxy.requests.filter((r) => r.method === "PUT" && r.path.endsWith(".json.gz"));
  const drained = () => waitFor(async () => (await backlogSize(database.prisma)) === 0, { timeoutMs: 20_000, what: "an empty backlog" });

  it("retries a 500 under the same key until it is written", { timeout: 30_000 }, async () => {
    proxy.failNext(2, "500");
    await setUp();
    await drained();
    const paths = new Set(batchPuts().map((r) => r.path));
    expect(batchPuts().length).toBe(3);
    expect(paths.size).toBe(1);
    expect(await countByStatus(database.prisma)).toEqual({ delivered: 4 });
  });

  it("pauses the destination on AccessDenied and delivers the same batch after Resume", { timeout: 30_000 }, async () => {
    proxy.setMode("403");
    const dest = await setUp();
    const paused = await waitFor(async () => (await listDestinationHealth(database.prisma)).find((h) => h.status === "paused"), { what: "a pause" });
    expect(paused.pause?.code).toBe("access-denied");
    expect(await countByStatus(database.prisma)).toEqual({ pending: 4 });
    proxy.setMode("pass");
    await resumeDestination(database.prisma, dest.id);
    await drained();
    expect(new Set(batchPuts().map((r) => r.path)).size).toBe(1);
  });

  it("dead-letters every trace of a batch past its horizon; a replay writes them in a new batch", { timeout: 30_000 }, async () => {
    proxy.setMode("500");
    const dest = await setUp({ retryPolicy: { horizonMs: 1 } });
    await waitFor(async () => (await countByStatus(database.prisma)).dead === 4, { what: "four dead letters" });
    const dead = await listDeadLetters(database.prisma, dest.id);
    const firstKey = batchPuts()[0]?.path.replace(/^\/traces\//, "");
    expect(dead.map((d) => d.key)).toEqual(Array(4).fill(firstKey));
    expect(dead[0]?.errorCode).toBe("server-error");

    proxy.setMode("pass");
    await workers?.stop();
    workers = startTestWorkers(database.prisma, proxy.endpoint, { batches: { sealEveryMs: 50 } });
    expect(await replayDeadLetters(database.prisma, dest.id)).toBe(4);
    await drained();
    const lastKey = batchPuts().at(-1)?.path.replace(/^\/traces\//, "");
    expect(lastKey).not.toBe(firstKey);
    expect(await countByStatus(database.prisma)).toEqual({ delivered: 4 });
  });
});
