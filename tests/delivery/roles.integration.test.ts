import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-key-store";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { createTestS3Client } from "../s3/s3-test-client";
import { findFreePort } from "../s3/free-port";
import { cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, listKeys, TEST_ENCRYPTION_KEY, waitFor } from "./delivery-fixtures";

vi.mock("server-only", () => ({}));

// BROADCAST_ROLE on one PostgreSQL, as `npm start` runs it: the production server bundle (the same
// esbuild settings as .next/broadcast/) started as one ingest process and two delivery processes.
// Traces accepted by the first must all be written by the others, each object exactly once.

const s3rver = inject("s3rver");
const DATABASE_URL = process.env.DATABASE_URL;
const TRACES = 300;

type Server = { child: ChildProcess; output: () => string };

describe.skipIf(!DATABASE_URL)("server roles side by side on one PostgreSQL", () => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let bundleDir: string;
  const servers: Server[] = [];

  function startServer(role: string, port: number): Server {
    const child = spawn(process.execPath, [path.join(bundleDir, "server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL,
        BROADCAST_ROLE: role,
        BROADCAST_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        BROADCAST_ALLOWED_ENDPOINTS: `127.0.0.1:${new URL(proxy.endpoint).port}`,
        BROADCAST_INGEST_RATE_LIMIT: "0",
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const server = { child, output: () => text };
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    database = await openDatabase({ kind: "postgres", url: DATABASE_URL as string });
    proxy = await startFaultProxy(s3rver.endpoint);
    await mkdir(path.resolve(".tmp"), { recursive: true });
    bundleDir = await mkdtemp(path.resolve(".tmp", "roles-"));
    const { buildServer } = await import("@/scripts/build-server.mjs");
    await buildServer({ outdir: bundleDir });
  });
  afterAll(async () => {
    for (const { child } of servers) child.kill("SIGKILL");
    await proxy?.close();
    await database?.close();
    if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  });

  it("accepts on the ingest process, delivers from the delivery processes, every object once", { timeout: 120_000 }, async () => {
    const prisma = database.prisma;
    await cleanDeliveryTables(prisma);
    const { prefix } = await createTestDestination(prisma, { ...s3rver, endpoint: proxy.endpoint });
    await enableBroadcast(prisma);
    const key = await createApiKey(prisma, `roles-${randomUUID().slice(0, 8)}`);
    if (!key.ok) throw new Error("could not create an API key");
    // Overlapping writes, so both delivery processes hold work at the same time.
    proxy.setMode("latency", { latencyMs: 10 });

    const ingestPort = await findFreePort();
    const ingest = startServer("ingest", ingestPort);
    const deliverers = [startServer("delivery", 0), startServer("delivery", 0)];
    const origin = `http://127.0.0.1:${ingestPort}`;
    await waitFor(async () => /serving http/.test(ingest.output()), { timeoutMs: 60_000, what: "the ingest process to listen" });
    for (const d of deliverers) await waitFor(async () => /delivering only/.test(d.output()), { timeoutMs: 60_000, what: "a delivery process to start" });
    expect(ingest.output()).toMatch(/delivery is off in this process/);

    // The ingest role serves the ingest endpoint only.
    const page = await fetch(`${origin}/settings`);
    expect(page.status).toBe(404);
    expect((await page.json()).error.code).toBe("not_found");

    const runId = randomUUID().slice(0, 8);
    const ids = Array.from({ length: TRACES }, (_, i) => `roles-${runId}-${i}`);
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const res = await fetch(`${origin}/api/v1/traces`, {
            method: "POST",
            headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
            body: JSON.stringify({ id, created_at: new Date().toISOString(), model: "m", input: "hello" }),
          });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
      }),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(TRACES);

    await waitFor(async () => (await countByStatus(prisma)).delivered === TRACES, { timeoutMs: 90_000, what: `all ${TRACES} delivered` });
    const keys = await listKeys(createTestS3Client(s3rver), s3rver.buckets[0] as string, prefix);
    expect(keys).toHaveLength(TRACES);
    // No faults are injected, so every row must have been claimed once and PUT once: a row held by
    // both delivery processes at the same time would show two attempts and two PUTs.
    const puts = new Map<string, number>();
    for (const r of proxy.requests) if (r.method === "PUT") puts.set(r.path, (puts.get(r.path) ?? 0) + 1);
    const rows = await prisma.delivery.findMany({ select: { objectKey: true, attempts: true } });
    const bucket = s3rver.buckets[0] as string;
    expect(rows.filter((r) => r.attempts !== 1 || puts.get(`/${bucket}/${r.objectKey}`) !== 1)).toEqual([]);
    expect(puts.size).toBe(TRACES);
    for (const d of deliverers) expect(d.output()).toMatch(/delivery workers started/);
  });
});
