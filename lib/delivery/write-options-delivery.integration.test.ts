import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { startFaultProxy, type FaultProxy } from "@/tests/faults/fault-proxy";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, makeEvents, startTestWorkers, waitFor } from "@/tests/delivery/delivery-fixtures";
import { backlogSize, enqueueTraces } from "./enqueue";

vi.mock("server-only", () => ({}));

// Every write carries the destination's encryption and storage class: one file per trace and
// batch files alike, as a recording proxy in front of s3rver sees them.

const s3rver = inject("s3rver");

describe("write options on delivery", () => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
    proxy = await startFaultProxy(s3rver.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.close();
  });

  it.each(["per_trace", "batched"] as const)("sends SSE-S3 and the storage class on every %s PUT", { timeout: 30_000 }, async (fileLayout) => {
    const prisma = database.prisma;
    await cleanDeliveryTables(prisma);
    await enableBroadcast(prisma);
    proxy.clearRequests();
    const files = { fileLayout, batchMaxSeconds: 1, serverSideEncryption: "AES256", storageClass: "INTELLIGENT_TIERING" } as const;
    await createTestDestination(prisma, { ...s3rver, endpoint: proxy.endpoint }, { prefix: `sse-${randomUUID().slice(0, 8)}`, files });
    const workers = startTestWorkers(prisma, proxy.endpoint, { batches: { sealEveryMs: 100 } });
    try {
      await enqueueTraces(prisma, makeEvents(randomUUID().slice(0, 8), 5), { apiKeyName: "sse", apiKeyId: "sse", now: new Date() });
      await waitFor(async () => (await backlogSize(prisma)) === 0, { timeoutMs: 20_000, what: "an empty backlog" });
    } finally {
      await workers.stop();
    }
    const puts = proxy.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(fileLayout === "batched" ? 1 : 5);
    for (const put of puts) {
      expect(put.headers).toMatchObject({ "x-amz-server-side-encryption": "AES256", "x-amz-storage-class": "INTELLIGENT_TIERING" });
    }
  });
});
