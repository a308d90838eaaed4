import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { DatabaseTarget } from "@/lib/platform/db/database-target";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { createTestS3Client } from "../s3/s3-test-client";
import { startDeliveryChild, type DeliveryChild } from "./child-process";
import type { ChildConfig } from "./delivery-child";
import { listKeys, waitFor } from "./delivery-fixtures";

vi.mock("server-only", () => ({}));

// Batched files keep the at-least-once promise through kill -9: after the transaction that fixes a
// batch's traces and key, and while its PUT is on the wire. The restarted process writes the same
// key again and every acknowledged trace ends up in a file.

const s3rver = inject("s3rver");
const TRACES = 600;
const BATCH = 50;
const files = { fileLayout: "batched", batchMaxSeconds: 1, batchMaxMb: 16, gzip: true } as const;

const targets: { name: string; target: () => Promise<DatabaseTarget> }[] = [
  {
    name: "PGlite on disk",
    target: async () => {
      await mkdir(path.resolve(".tmp"), { recursive: true });
      return { kind: "pglite", dataDir: await mkdtemp(path.resolve(".tmp", "batch-crash-")) };
    },
  },
  ...(process.env.DATABASE_URL ? [{ name: "PostgreSQL", target: async (): Promise<DatabaseTarget> => ({ kind: "postgres", url: process.env.DATABASE_URL as string }) }] : []),
];

/** Trace id → how many files hold it, over every batch file under `prefix`. */
async function tracesInFiles(prefix: string): Promise<{ keys: string[]; count: Map<string, number> }> {
  const client = createTestS3Client(s3rver);
  const keys = (await listKeys(client, "traces", `${prefix}/`)).filter((k) => k.endsWith(".json.gz"));
  const count = new Map<string, number>();
  for (const key of keys) {
    const answer = await client.send(new GetObjectCommand({ Bucket: "traces", Key: key }));
    const bytes = Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    for (const line of gunzipSync(bytes).toString("utf8").trim().split("\n")) {
      const id = String(JSON.parse(line).id);
      count.set(id, (count.get(id) ?? 0) + 1);
    }
  }
  client.destroy();
  return { keys, count };
}

const batchIdOf = (key: string) => (key.split("/").pop() as string).replace(/^\d+-/, "").replace(/\.json\.gz$/, "");

describe.each(targets)("kill -9 around a batch's PUT ($name)", ({ target }) => {
  let proxy: FaultProxy;
  const children: DeliveryChild[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    proxy = await startFaultProxy(s3rver.endpoint);
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await proxy?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function scenario(db: DatabaseTarget) {
    if (db.kind === "pglite" && db.dataDir) dirs.push(db.dataDir);
    const prefix = `batch-crash-${randomUUID().slice(0, 8)}`;
    const runId = randomUUID().slice(0, 8);
    const base: Omit<ChildConfig, "workerId"> = { db, s3: { ...s3rver, endpoint: proxy.endpoint }, concurrency: 4, leaseMs: 3_000 };
    return { prefix, runId, base };
  }

  async function restartAndDrain(base: Omit<ChildConfig, "workerId">) {
    const second = startDeliveryChild({ ...base, workerId: `second-${randomUUID().slice(0, 4)}` });
    children.push(second);
    await second.waitForLine("drained", 60_000);
    expect((await second.exited).code).toBe(0);
  }

  it("loses nothing when killed between the batch's commit and its PUT", { timeout: 90_000 }, async () => {
    proxy.setMode("pass");
    proxy.clearRequests();
    const { prefix, runId, base } = await scenario(await target());
    const first = startDeliveryChild({
      ...base, workerId: "first", holdAfterSeal: true, setup: { prefix, bucket: "traces", files }, enqueue: { runId, count: TRACES, batch: BATCH },
    });
    children.push(first);
    await first.waitUntil(() => first.acked.length === TRACES && first.lines.some((l) => l.startsWith("sealed ")), 45_000, "acks and a sealed batch");
    await first.kill9();
    const sealed = JSON.parse((first.lines.find((l) => l.startsWith("sealed ")) as string).slice(7)) as string[];
    expect(sealed.length).toBeGreaterThan(0);
    expect(proxy.requests.filter((r) => r.method === "PUT")).toEqual([]); // committed, never written

    await restartAndDrain(base);
    const { keys, count } = await tracesInFiles(prefix);
    expect(first.acked.filter((id) => !count.has(id))).toEqual([]);
    // The batches committed before the kill were written under the keys fixed then.
    expect(sealed.every((id) => keys.some((k) => batchIdOf(k) === id))).toBe(true);
    expect([...count.values()].every((n) => n === 1)).toBe(true);
  });

  it("loses nothing when killed while the batch's PUT is on the wire", { timeout: 90_000 }, async () => {
    proxy.setMode("blackhole");
    proxy.clearRequests();
    const { prefix, runId, base } = await scenario(await target());
    const first = startDeliveryChild({ ...base, workerId: "first", setup: { prefix, bucket: "traces", files }, enqueue: { runId, count: TRACES, batch: BATCH } });
    children.push(first);
    const puts = () => proxy.requests.filter((r) => r.method === "PUT" && r.path.endsWith(".json.gz"));
    await first.waitUntil(() => first.acked.length === TRACES, 45_000, "acks");
    // Proxy requests are not child messages: poll for them.
    await waitFor(async () => puts().length > 0, { timeoutMs: 30_000, what: "a PUT in flight" });
    await first.kill9();
    const inFlight = batchIdOf(puts()[0]?.path as string);

    proxy.setMode("pass");
    await restartAndDrain(base);
    const { keys, count } = await tracesInFiles(prefix);
    expect(first.acked.filter((id) => !count.has(id))).toEqual([]);
    expect(keys.some((k) => batchIdOf(k) === inFlight)).toBe(true); // the same object, written again
    expect([...count.values()].every((n) => n === 1)).toBe(true);
  });
});
