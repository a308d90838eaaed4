import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import type { DeliveryWorkers } from "@/lib/delivery/worker";
import { enqueueTraces } from "@/lib/delivery/enqueue";
import { resumeDestination } from "@/lib/delivery/queue-store";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, makeEvents, startTestWorkers, waitFor, watchClaims } from "../delivery/delivery-fixtures";

vi.mock("server-only", () => ({}));

// Fast recovery (lib/delivery/recovery-probe.ts) with the production retry policy (1 s base,
// doubling, full jitter): a 15 s outage with 50 traces waiting, then the bucket comes back.

const s3rver = inject("s3rver");
const OUTAGE_MS = 15_000;
const TRACES = 50;
const RECOVERY_BOUND_MS = 10_000;

describe("recovery after an S3 outage", () => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let workers: DeliveryWorkers | null = null;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
    proxy = await startFaultProxy(s3rver.endpoint);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
    proxy.setMode("pass");
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.close();
  });

  it("delivers all 50 waiting traces within 10 s of the bucket's return", { timeout: 60_000 }, async () => {
    const prisma = database.prisma;
    await cleanDeliveryTables(prisma);
    await createTestDestination(prisma, { ...s3rver, endpoint: proxy.endpoint });
    await enableBroadcast(prisma);
    workers = startTestWorkers(prisma, proxy.endpoint, { concurrency: 16 });

    proxy.setMode("503");
    const outageStarted = Date.now();
    await enqueueTraces(prisma, makeEvents("outage", TRACES), { apiKeyName: "ops", apiKeyId: "00000000-0000-4000-8000-00000000000a", now: new Date() });
    await waitFor(async () => (await prisma.delivery.count({ where: { lastErrorCode: { not: null } } })) === TRACES, {
      what: "every delivery to fail once",
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageStarted + OUTAGE_MS - Date.now())));
    const putsDuringOutage = proxy.requests.filter((r) => r.method === "PUT").length;
    expect(await countByStatus(prisma)).toEqual({ pending: TRACES });

    proxy.setMode("pass");
    const returnedAt = Date.now();
    await waitFor(async () => (await countByStatus(prisma)).delivered === TRACES, { timeoutMs: 40_000, what: "all delivered" });
    const last = await prisma.delivery.aggregate({ _max: { deliveredAt: true } });
    const recoveryMs = (last._max.deliveredAt as Date).getTime() - returnedAt;
    console.info(`[recovery] ${TRACES} traces delivered ${recoveryMs} ms after the bucket returned; ${putsDuringOutage} PUTs during the ${OUTAGE_MS / 1000} s outage`);
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
  });

  it("a pause for bad credentials still waits for the user", { timeout: 60_000 }, async () => {
    const prisma = database.prisma;
    await cleanDeliveryTables(prisma);
    const destination = await createTestDestination(prisma, { ...s3rver, endpoint: proxy.endpoint });
    await enableBroadcast(prisma);
    const claims = watchClaims();
    workers = startTestWorkers(prisma, proxy.endpoint, { onClaim: claims.onClaim });

    proxy.setMode("403");
    await enqueueTraces(prisma, makeEvents("paused", 5), { apiKeyName: "ops", apiKeyId: "00000000-0000-4000-8000-00000000000a", now: new Date() });
    await waitFor(async () => (await prisma.destination.findUnique({ where: { id: destination.id } }))?.pauseCode === "access-denied", {
      what: "the destination to pause",
    });
    // Writes already in flight when it paused finish first; only then does the bucket come back.
    await claims.idle();
    proxy.setMode("pass");
    proxy.clearRequests();
    // The probe's longest wait with this policy is 5 s: let rounds pass well beyond it.
    await claims.next(3, (t) => t.claimed === 0, 20_000);
    await new Promise<void>((resolve) => setTimeout(resolve, 6_000));
    await claims.next(2, (t) => t.claimed === 0);
    expect(proxy.requests.filter((r) => r.method === "PUT")).toEqual([]);
    expect(await countByStatus(prisma)).toEqual({ pending: 5 });

    await resumeDestination(prisma, destination.id);
    await waitFor(async () => (await countByStatus(prisma)).delivered === 5, { what: "delivery after resume" });
  });
});
