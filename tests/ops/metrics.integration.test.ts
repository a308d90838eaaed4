import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import type { DeliveryWorkers } from "@/lib/delivery/worker";
import { enqueueTraces } from "@/lib/delivery/enqueue";
import { serveIngest } from "@/lib/ingest/serve-ingest";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, makeEvents, startTestWorkers, waitFor } from "../delivery/delivery-fixtures";
import { scrape } from "./scrape";

vi.mock("server-only", () => ({}));

// The metrics follow what really happens: traces flowing to a real S3 server, failing behind the
// fault proxy, and the destination pausing on AccessDenied. Values are read back from the text format.

const s3rver = inject("s3rver");

describe("Prometheus metrics", () => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let workers: DeliveryWorkers;
  let destinationId: string;
  const dest = () => ({ destination_id: destinationId });

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
    proxy = await startFaultProxy(s3rver.endpoint);
    await cleanDeliveryTables(database.prisma);
    destinationId = (await createTestDestination(database.prisma, { ...s3rver, endpoint: proxy.endpoint })).id;
    await enableBroadcast(database.prisma);
    workers = startTestWorkers(database.prisma, proxy.endpoint, { retryPolicy: { baseMs: 50, capMs: 200 } });
  });
  afterAll(async () => {
    await workers?.stop();
    await proxy?.close();
    await database?.close();
  });

  it("counts accepted and written traces, their latency and the S3 requests", async () => {
    const prisma = database.prisma;
    const before = await scrape(prisma);
    await enqueueTraces(prisma, makeEvents("flow", 5), { apiKeyName: "ops", apiKeyId: "00000000-0000-4000-8000-00000000000a", now: new Date() });
    const after = await waitFor(async () => {
      const now = await scrape(prisma);
      return now.value("broadcast_deliveries_written_total", dest()) - before.value("broadcast_deliveries_written_total", dest()) >= 5 && now;
    }, { what: "5 writes counted" });
    expect(after.value("broadcast_traces_accepted_total") - before.value("broadcast_traces_accepted_total")).toBe(5);
    expect(after.value("broadcast_deliveries_written_total", dest()) - before.value("broadcast_deliveries_written_total", dest())).toBe(5);
    expect(after.value("broadcast_delivery_latency_seconds_count", dest()) - before.value("broadcast_delivery_latency_seconds_count", dest())).toBe(5);
    expect(after.value("broadcast_s3_request_duration_seconds_count", { operation: "PutObject", result: "ok" })).toBeGreaterThanOrEqual(5);
    expect(after.value("broadcast_database_up")).toBe(1);
    expect(after.has("process_cpu_seconds_total")).toBe(true);
  });

  it("counts retries and shows the backlog while the bucket fails", async () => {
    const prisma = database.prisma;
    const before = await scrape(prisma);
    proxy.setMode("503");
    await enqueueTraces(prisma, makeEvents("failing", 3), { apiKeyName: "ops", apiKeyId: "00000000-0000-4000-8000-00000000000a", now: new Date() });
    const during = await waitFor(async () => {
      const now = await scrape(prisma);
      return now.value("broadcast_deliveries_retried_total", dest()) - before.value("broadcast_deliveries_retried_total", dest()) >= 3 && now;
    }, { what: "3 retries counted" });
    expect(during.value("broadcast_delivery_failures_total", { ...dest(), code: "slow-down" })).toBeGreaterThanOrEqual(3);
    expect(during.value("broadcast_delivery_backlog", dest())).toBe(3);
    expect(during.value("broadcast_delivery_oldest_pending_age_seconds", dest())).toBeGreaterThan(0);
    proxy.setMode("pass");
    const drained = await waitFor(async () => {
      const now = await scrape(prisma);
      return now.value("broadcast_delivery_backlog", dest()) === 0 && now;
    }, { what: "the backlog to drain" });
    expect(drained.value("broadcast_delivery_oldest_pending_age_seconds", dest())).toBe(0);
  });

  it("shows a paused destination with its reason code", async () => {
    const prisma = database.prisma;
    expect((await scrape(prisma)).has("broadcast_destination_paused", dest())).toBe(false);
    proxy.setMode("403");
    await enqueueTraces(prisma, makeEvents("denied", 2), { apiKeyName: "ops", apiKeyId: "00000000-0000-4000-8000-00000000000a", now: new Date() });
    const paused = await waitFor(async () => {
      const now = await scrape(prisma);
      return now.has("broadcast_destination_paused", dest()) && now;
    }, { what: "the pause to show" });
    expect(paused.value("broadcast_destination_paused", { ...dest(), reason: "access-denied" })).toBe(1);
    expect(paused.value("broadcast_delivery_failures_total", { ...dest(), code: "access-denied" })).toBeGreaterThanOrEqual(1);
    expect(paused.value("broadcast_delivery_backlog", dest())).toBe(2);
    proxy.setMode("pass");
  });

  it("counts ingest requests by endpoint and status, a thrown failure as 503", async () => {
    const prisma = database.prisma;
    const before = await scrape(prisma);
    const request = () => new Request("http://127.0.0.1/api/v1/traces", { method: "POST" });
    const refused = await serveIngest("/api/v1/traces", request(), async () => Response.json({}, { status: 400 }));
    const failed = await serveIngest("/api/v1/traces", request(), async () => {
      throw new Error("Connection terminated unexpectedly");
    });
    expect(refused.status).toBe(400);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("5");
    expect(failed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const after = await scrape(prisma);
    const delta = (status: string) =>
      after.value("broadcast_ingest_requests_total", { endpoint: "/api/v1/traces", status }) -
      before.value("broadcast_ingest_requests_total", { endpoint: "/api/v1/traces", status });
    expect([delta("400"), delta("503")]).toEqual([1, 1]);
  });
});
