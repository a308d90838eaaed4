import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { DatabaseTarget } from "@/lib/platform/db/database-target";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { createTestS3Client, getObjectText } from "../s3/s3-test-client";
import { startDeliveryChild, type DeliveryChild } from "./child-process";
import type { ChildConfig } from "./delivery-child";
import { eventIdFromKey, listKeys } from "./delivery-fixtures";

vi.mock("server-only", () => ({}));

// The promise under test: a trace whose batch was committed (what the 202 answers) reaches the
// bucket even when the process dies with kill -9 in the middle of enqueueing and delivering.

const s3rver = inject("s3rver");
const TRACES = 2_000;
const BATCH = 50;
const KILL_AFTER_ACKED = 1_000;

const targets: { name: string; target: () => Promise<DatabaseTarget> }[] = [
  {
    name: "PGlite on disk",
    target: async () => {
      await mkdir(path.resolve(".tmp"), { recursive: true });
      return { kind: "pglite", dataDir: await mkdtemp(path.resolve(".tmp", "crash-pglite-")) };
    },
  },
  ...(process.env.DATABASE_URL ? [{ name: "PostgreSQL", target: async (): Promise<DatabaseTarget> => ({ kind: "postgres", url: process.env.DATABASE_URL as string }) }] : []),
];

describe.each(targets)("kill -9 during delivery ($name)", ({ target }) => {
  let proxy: FaultProxy;
  let db: DatabaseTarget;
  const children: DeliveryChild[] = [];

  beforeAll(async () => {
    proxy = await startFaultProxy(s3rver.endpoint);
    db = await target();
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await proxy?.close();
    if (db?.kind === "pglite" && db.dataDir) await rm(db.dataDir, { recursive: true, force: true });
  });

  it("delivers every acknowledged trace after a restart", { timeout: 90_000 }, async () => {
    // Slow S3, so a backlog builds up behind the enqueueing.
    proxy.setMode("latency", { latencyMs: 15 });
    const prefix = `crash-${randomUUID().slice(0, 8)}`;
    const runId = randomUUID().slice(0, 8);
    const base: Omit<ChildConfig, "workerId"> = {
      db,
      s3: { ...s3rver, endpoint: proxy.endpoint },
      concurrency: 8,
      leaseMs: 3_000,
    };

    const first = startDeliveryChild({ ...base, workerId: "first", setup: { prefix, bucket: "traces" }, enqueue: { runId, count: TRACES, batch: BATCH } });
    children.push(first);
    await first.waitUntil(() => first.acked.length >= KILL_AFTER_ACKED, 45_000, `${KILL_AFTER_ACKED} acks`);
    await first.kill9();
    const acked = [...first.acked];
    const deliveredBeforeKill = proxy.requests.filter((r) => r.method === "PUT").length;
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKED);
    expect(acked.length).toBeLessThan(TRACES); // killed mid-way through enqueueing

    console.info(`[crash] acked ${acked.length}, PUTs before kill ${deliveredBeforeKill}`);
    const second = startDeliveryChild({ ...base, workerId: "second" });
    children.push(second);
    await second.waitForLine("drained", 60_000);
    expect((await second.exited).code).toBe(0);

    const keys = await listKeys(createTestS3Client(s3rver), "traces", `${prefix}/`);
    const names = new Set(keys.map(eventIdFromKey));
    const missing = acked.filter((id) => !names.has(id));
    expect(missing).toEqual([]);
    // Nothing else shows up: every object is one of the events the first process was given.
    expect(keys.every((k) => k.includes(`/${runId}-`))).toBe(true);
    expect(deliveredBeforeKill).toBeLessThan(acked.length); // there was a backlog to recover

    const sample = keys.slice(0, 5);
    for (const key of sample) {
      const file = JSON.parse(await getObjectText(createTestS3Client(s3rver), "traces", key));
      expect(file).toMatchObject({ apiKeyName: "crash-test", schemaVersion: 1 });
      expect(key).toContain(`/${file.id}-`);
    }
  });
});
