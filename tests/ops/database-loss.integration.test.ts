import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestS3Client } from "../s3/s3-test-client";
import { eventIdFromKey, listKeys, TEST_ENCRYPTION_KEY, waitFor } from "../delivery/delivery-fixtures";
import { startServerProcess, type ServerProcess } from "./server-process";
import { startTraceStream } from "./trace-stream";

vi.mock("server-only", () => ({}));

// PostgreSQL stopped in the middle of ingest traffic, then started again: ingest answers only 202
// or 503 (with Retry-After), readiness reports the database, the workers resume on their own, and
// every trace answered 202 reaches the bucket. Runs only with DATABASE_URL (like the two-process
// test). It stops the cluster that serves DATABASE_URL (BROADCAST_TEST_PG_CLUSTER, the newest installed
// cluster by default) and always starts it again, and works in a database of its own on it.

const url = process.env.DATABASE_URL?.trim();
// The newest installed cluster, as .ci/run starts it (a fresh machine may have another version than 15).
const newestCluster = () => {
  const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").filter((v) => /^\d+$/.test(v)) : [];
  return `${versions.sort((a, b) => Number(a) - Number(b)).at(-1) ?? "15"} main`;
};
const CLUSTER = (process.env.BROADCAST_TEST_PG_CLUSTER?.trim() || newestCluster()).split(/\s+/);
const s3rver = inject("s3rver");

const pgctl = (action: "start" | "stop") =>
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...CLUSTER, action, ...(action === "stop" ? ["-m", "fast"] : [])], { stdio: "pipe" });

describe.skipIf(!url)("PostgreSQL restarted during ingest", () => {
  const database = `broadcast_dbloss_${process.pid}`;
  let ownUrl: string;
  let dataDir: string;
  let child: ServerProcess | null = null;

  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database}`).then(() => c.query(`CREATE DATABASE ${database}`)));
    const parsed = new URL(url as string);
    parsed.pathname = `/${database}`;
    ownUrl = parsed.toString();
    await mkdir(path.resolve(".tmp"), { recursive: true });
    dataDir = await mkdtemp(path.resolve(".tmp", "dbloss-"));
  });
  afterAll(async () => {
    // Whatever happened, the cluster runs again before anything else.
    try {
      pgctl("start");
    } catch {
      // already running
    }
    await waitFor(async () => admin(async () => true).catch(() => false), { timeoutMs: 30_000, what: "PostgreSQL back" });
    await child?.kill9();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("answers only 202 or 503, reports it in readiness, and delivers every 202", { timeout: 180_000 }, async () => {
    const runId = randomUUID().slice(0, 8);
    const prefix = `dbloss-${runId}`;
    const keyFile = path.join(dataDir, "api-key");
    const s3Port = new URL(s3rver.endpoint).port;
    child = await startServerProcess(
      { DATABASE_URL: ownUrl, BROADCAST_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, BROADCAST_ALLOWED_ENDPOINTS: `127.0.0.1:${s3Port}`, BROADCAST_DELIVERY_CONCURRENCY: "8" },
      { s3: s3rver, prefix, bucket: "traces", keyFile },
    );
    const server = child;
    const apiKey = (await readFile(keyFile, "utf8")).trim();
    const stream = startTraceStream({ url: () => server.url, apiKey, runId, pauseMs: 5 });
    const retryAfter: (string | null)[] = [];
    try {
      await waitFor(async () => stream.count("202") >= 100, { timeoutMs: 30_000, what: "100 accepted before the stop" });
      pgctl("stop");
      await waitFor(async () => stream.count("503") >= 20, { timeoutMs: 30_000, what: "503s while the database is down" });
      const ready = await fetch(`${server.url}/api/ready`);
      const body = await ready.json();
      expect(ready.status).toBe(503);
      expect(body.checks.database.ok).toBe(false);
      const refused = await fetch(`${server.url}/api/v1/traces`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ traces: [{ id: `${runId}-probe`, created_at: new Date().toISOString(), model: "m", input: {}, output: {} }] }),
      });
      retryAfter.push(refused.headers.get("retry-after"));
      expect(refused.status).toBe(503);
    } finally {
      pgctl("start");
    }
    const acceptedBeforeReturn = stream.count("202");
    await waitFor(async () => (await fetch(`${server.url}/api/ready`)).status === 200, { timeoutMs: 60_000, intervalMs: 250, what: "ready again" });
    await waitFor(async () => stream.count("202") >= acceptedBeforeReturn + 100, { timeoutMs: 60_000, what: "100 accepted after the return" });
    const { statuses, accepted } = await stream.stop();
    console.info(`[database-loss] answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()].sort()).toEqual(["202", "503"]);
    expect(retryAfter).toEqual(["5"]);

    const s3 = createTestS3Client(s3rver);
    const missing = await waitFor(async () => {
      const names = new Set((await listKeys(s3, "traces", `${prefix}/`)).map(eventIdFromKey));
      const left = accepted.filter((id) => !names.has(id));
      return left.length === 0 ? left : null;
    }, { timeoutMs: 90_000, intervalMs: 500, what: "every 202 in the bucket" });
    expect(missing).toEqual([]);
  });
});
