import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { buildDestinationQueries } from "@/lib/core/queries/destination-queries";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import {
  cleanDeliveryTables, createTestDestination, enableBroadcast, listKeys, makeEvents, startTestWorkers, testTargets, waitFor,
} from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client } from "@/tests/s3/s3-test-client";
import { listDestinationHealth } from "./delivery-health";
import { backlogSize, enqueueTraces } from "./enqueue";
import type { DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

// Batched gzip files on a real S3 server, read back by DuckDB with the query the settings page
// shows: every accepted trace is found, in files that respect the size limit and the key shape.

const s3rver = inject("s3rver");
const TRACES = 2_000;
const KEY = /^[a-z0-9-]+\/\d{4}-\d{2}-\d{2}\/\d{10}-[0-9a-f-]{36}\.json\.gz$/;

async function download(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

describe.each(testTargets())("batched delivery ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;
  let tmp = "";

  beforeAll(async () => {
    database = await openDatabase(target);
    bucket = createTestS3Client(s3rver);
    await mkdir(path.resolve(".tmp"), { recursive: true });
    tmp = await mkdtemp(path.resolve(".tmp", "batched-"));
  });
  afterAll(async () => {
    bucket?.destroy();
    await database?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  it("writes 2,000 traces as gzipped NDJSON files that DuckDB reads back completely", { timeout: 120_000 }, async () => {
    const prisma = database.prisma;
    const runId = randomUUID().slice(0, 8);
    // Below the form's 10 s minimum so the test does not wait a whole window; the rule is the same.
    const files = { fileLayout: "batched", batchMaxSeconds: 1, batchMaxMb: 1, gzip: true } as const;
    const dest = await createTestDestination(prisma, s3rver, { prefix: `batched-${runId}`, files });
    workers = startTestWorkers(prisma, s3rver.endpoint, { batches: { sealEveryMs: 100 } });

    const accepted: string[] = [];
    for (let offset = 0; offset < TRACES; offset += 100) {
      // ~2 KB each (4 MB in all) against a 1 MB limit, so files close by size as well as by time.
      const events = makeEvents(runId, 100, offset).map((e) => ({ ...e, output: { content: `answer ${e.id} ${"x".repeat(2_000)}` } }));
      await enqueueTraces(prisma, events, { apiKeyName: "batched-test", apiKeyId: "batched-test", now: new Date() });
      accepted.push(...events.map((e) => e.id));
    }
    await waitFor(async () => (await backlogSize(prisma)) === 0, { timeoutMs: 60_000, what: "an empty backlog" });

    const keys = await listKeys(bucket, "traces", `${dest.prefix}/`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) {
      expect(key).toMatch(KEY);
      const body = await download(bucket, "traces", key);
      const plain = gunzipSync(body);
      // The limit counts stored events, which are about the size of the lines written.
      expect(plain.length).toBeLessThan(1.25 * 1024 * 1024);
      await mkdir(path.join(tmp, path.dirname(key)), { recursive: true });
      await writeFile(path.join(tmp, key), body);
    }

    const built = buildDestinationQueries(
      { bucket: "traces", prefix: dest.prefix, pathTemplate: "{prefix}/{date}", fileLayout: "batched", gzip: true },
      { base: tmp },
    );
    if (!built.ok) throw new Error("the query did not build");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const reader = await duck.runAndReadAll(`SELECT id, count(*) AS n FROM (${built.queries.duckdbSql.replace(/;\s*$/, "")}) GROUP BY id`);
    const found = new Map(reader.getRowObjects().map((r) => [String(r.id), Number(r.n)]));
    duck.closeSync();
    expect(accepted.filter((id) => !found.has(id))).toEqual([]);
    expect(found.size).toBe(TRACES);
    // Each trace in exactly one file here: no batch was written twice in this run.
    expect([...found.values()].every((n) => n === 1)).toBe(true);

    const [health] = await listDestinationHealth(prisma);
    expect(health?.counts).toMatchObject({ delivered: TRACES, pending: 0, files: keys.length });
    // Recent deliveries lists files: batch keys, each once.
    expect(health?.recent.length).toBe(Math.min(10, keys.length));
    expect(health?.recent.every((r) => keys.includes(r.key))).toBe(true);
  });

  it("never mixes two rendered folders in one file", { timeout: 60_000 }, async () => {
    const prisma = database.prisma;
    const runId = randomUUID().slice(0, 8);
    const files = { fileLayout: "batched", batchMaxSeconds: 1, batchMaxMb: 16, gzip: false } as const;
    const dest = await createTestDestination(prisma, s3rver, { prefix: `folders-${runId}`, files });
    workers = startTestWorkers(prisma, s3rver.endpoint, { batches: { sealEveryMs: 100 } });
    // makeEvents spaces events a second apart going back in time: 200,000 s spans three days.
    const events = makeEvents(runId, 3, 0).map((e, i) => ({ ...e, createdAt: new Date(Date.UTC(2026, 10, 25 + i, 12)) }));
    await enqueueTraces(prisma, events, { apiKeyName: "batched-test", apiKeyId: "batched-test", now: new Date() });
    await waitFor(async () => (await backlogSize(prisma)) === 0, { timeoutMs: 30_000, what: "an empty backlog" });

    const keys = await listKeys(bucket, "traces", `${dest.prefix}/`);
    expect(keys.map((k) => k.split("/")[1])).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    for (const [i, key] of keys.entries()) {
      expect(key).toMatch(/\.json$/);
      const lines = (await download(bucket, "traces", key)).toString("utf8").trim().split("\n");
      expect(lines.map((l) => JSON.parse(l).id)).toEqual([events[i]?.id]);
    }
  });
});
