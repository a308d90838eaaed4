import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { enqueueTraces } from "@/lib/delivery/enqueue";
import type { AttemptEvent } from "@/lib/delivery/worker";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { createTestS3Client } from "../s3/s3-test-client";
import { startDeliveryChild, type DeliveryChild } from "./child-process";
import type { ChildConfig } from "./delivery-child";
import { cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, listKeys, makeEvents } from "./delivery-fixtures";

vi.mock("server-only", () => ({}));

// Two app instances on one PostgreSQL: the leases must keep them from working on the same delivery
// at the same time, and when one dies the other must finish its share. (The embedded database is
// one process by design, so this only runs against PostgreSQL.)

const s3rver = inject("s3rver");
const DATABASE_URL = process.env.DATABASE_URL;
const TRACES = 3_000;
const KILL_AFTER_ATTEMPTS = 300;

type Interval = { deliveryId: string; workerId: string; start: number; end: number };

async function readAttempts(file: string, killedAt: number | null): Promise<Interval[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  const open = new Map<string, AttemptEvent & { phase: "start" }>();
  const done: Interval[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let event: AttemptEvent;
    try {
      event = JSON.parse(line) as AttemptEvent;
    } catch {
      continue; // a line cut short by kill -9
    }
    if (event.phase === "start") open.set(event.deliveryId, event);
    else {
      open.delete(event.deliveryId);
      done.push({ deliveryId: event.deliveryId, workerId: event.workerId, start: event.startedAt, end: event.at });
    }
  }
  // Writes running when the process was killed ended, at the latest, with it.
  for (const s of open.values()) done.push({ deliveryId: s.deliveryId, workerId: s.workerId, start: s.at, end: killedAt ?? Infinity });
  return done;
}

describe.skipIf(!DATABASE_URL)("two worker processes on one PostgreSQL", () => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let logDir: string;
  const children: DeliveryChild[] = [];

  beforeAll(async () => {
    database = await openDatabase({ kind: "postgres", url: DATABASE_URL as string });
    proxy = await startFaultProxy(s3rver.endpoint);
    await mkdir(path.resolve(".tmp"), { recursive: true });
    logDir = await mkdtemp(path.resolve(".tmp", "two-process-"));
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await proxy?.close();
    await database?.close();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  it("delivers everything once between them, never both on one delivery, and survives losing one", { timeout: 90_000 }, async () => {
    const prisma = database.prisma;
    await cleanDeliveryTables(prisma);
    const s3 = { ...s3rver, endpoint: proxy.endpoint };
    const { prefix } = await createTestDestination(prisma, s3);
    await enableBroadcast(prisma);
    const runId = randomUUID().slice(0, 8);
    for (let offset = 0; offset < TRACES; offset += 100) {
      await enqueueTraces(prisma, makeEvents(runId, 100, offset), { apiKeyName: "two-process", apiKeyId: "two-process", now: new Date() });
    }
    proxy.setMode("latency", { latencyMs: 10 });

    const config = (workerId: string): ChildConfig => ({
      db: { kind: "postgres", url: DATABASE_URL as string },
      s3,
      workerId,
      concurrency: 8,
      leaseMs: 3_000,
      attemptLog: path.join(logDir, `${workerId}.jsonl`),
    });
    const doomed = startDeliveryChild(config("doomed"));
    const survivor = startDeliveryChild(config("survivor"));
    children.push(doomed, survivor);
    await Promise.all([doomed.waitForLine("ready", 30_000), survivor.waitForLine("ready", 30_000)]);

    for (;;) {
      const ended = (await readAttempts(path.join(logDir, "doomed.jsonl"), null)).filter((a) => a.end !== Infinity);
      if (ended.length >= KILL_AFTER_ATTEMPTS) break;
      if (doomed.process.exitCode !== null) throw new Error(`doomed worker exited early: ${doomed.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killedAt = Date.now();
    await doomed.kill9();
    expect((await countByStatus(prisma)).pending ?? 0).toBeGreaterThan(0); // killed mid-way

    await survivor.waitForLine("drained", 60_000);
    expect((await survivor.exited).code).toBe(0);
    expect(await countByStatus(prisma)).toEqual({ delivered: TRACES });
    const keys = await listKeys(createTestS3Client(s3rver), "traces", `${prefix}/`);
    expect(keys).toHaveLength(TRACES);

    const attempts = [
      ...(await readAttempts(path.join(logDir, "doomed.jsonl"), killedAt)),
      ...(await readAttempts(path.join(logDir, "survivor.jsonl"), null)),
    ];
    const byDelivery = new Map<string, Interval[]>();
    for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
    expect(byDelivery.size).toBe(TRACES);
    const overlaps: string[] = [];
    for (const [id, list] of byDelivery) {
      list.sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1] as Interval;
        const next = list[i] as Interval;
        if (next.start < prev.end) overlaps.push(`${id}: ${prev.workerId} [${prev.start}, ${prev.end}] vs ${next.workerId} [${next.start}, ${next.end}]`);
      }
    }
    expect(overlaps).toEqual([]);
    const byWorker = (w: string) => attempts.filter((a) => a.workerId === w).length;
    console.info(`[two-process] attempts: doomed ${byWorker("doomed")}, survivor ${byWorker("survivor")}, deliveries tried twice ${[...byDelivery.values()].filter((l) => l.length > 1).length}`);
    expect(byWorker("doomed")).toBeGreaterThanOrEqual(KILL_AFTER_ATTEMPTS);
    expect(byWorker("survivor")).toBeGreaterThan(0);
    // The rows the dead process held were taken over once its lease ran out.
    const takenOver = [...byDelivery.values()].filter((list) => list.some((a) => a.workerId === "doomed" && a.end === killedAt) && list.some((a) => a.workerId === "survivor"));
    for (const list of takenOver) {
      const survivorStart = Math.min(...list.filter((a) => a.workerId === "survivor").map((a) => a.start));
      expect(survivorStart).toBeGreaterThan(killedAt);
    }
  });
});
