import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startFaultProxy, type FaultProxy } from "../faults/fault-proxy";
import { createTestS3Client } from "../s3/s3-test-client";
import { eventIdFromKey, listKeys, TEST_ENCRYPTION_KEY, waitFor } from "../delivery/delivery-fixtures";
import { expectSafeJsonLogs } from "./log-lines";
import { startServerProcess, type ServerProcess } from "./server-process";
import { startTraceStream } from "./trace-stream";

vi.mock("server-only", () => ({}));

// SIGTERM during a steady stream of ingest requests: the server stops accepting (503), finishes the
// commits and writes in flight, hands unstarted claims back and exits 0 within
// BROADCAST_SHUTDOWN_TIMEOUT_MS; after a restart every trace it answered 202 for is in the bucket.
// The same run checks the log: JSON lines only, and no secret, API key or prompt text in any of them.

const s3rver = inject("s3rver");
const SHUTDOWN_TIMEOUT_MS = 10_000;

describe("SIGTERM during a steady stream", () => {
  let proxy: FaultProxy;
  let dataDir: string;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    proxy = await startFaultProxy(s3rver.endpoint);
    await mkdir(path.resolve(".tmp"), { recursive: true });
    dataDir = await mkdtemp(path.resolve(".tmp", "shutdown-"));
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await proxy?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("exits 0 within the timeout, and every 202 is delivered after the restart", { timeout: 120_000 }, async () => {
    const runId = randomUUID().slice(0, 8);
    const prefix = `shutdown-${runId}`;
    const secretAccessKey = `sk-ops-${randomUUID()}`;
    const keyFile = path.join(dataDir, "api-key");
    const env = {
      BROADCAST_DATA_DIR: path.join(dataDir, "db"),
      BROADCAST_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      BROADCAST_ALLOWED_ENDPOINTS: `127.0.0.1:${proxy.port}`,
      BROADCAST_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      BROADCAST_DELIVERY_CONCURRENCY: "8",
      BROADCAST_LOG_LEVEL: "debug",
    };
    // Slow writes, so some are in flight and a backlog waits when the signal comes.
    proxy.setMode("latency", { latencyMs: 40 });
    const first = await startServerProcess(env, { s3: { ...s3rver, endpoint: proxy.endpoint, secretAccessKey }, prefix, bucket: "traces", keyFile });
    children.push(first);
    const apiKey = (await readFile(keyFile, "utf8")).trim();

    const stream = startTraceStream({ url: () => first.url, apiKey, runId });
    await waitFor(async () => stream.count("202") >= 150, { timeoutMs: 60_000, what: "150 accepted traces" });
    const signalledAt = Date.now();
    first.process.kill("SIGTERM");
    const { code } = await first.exited;
    const exitMs = Date.now() - signalledAt;
    const { statuses, accepted } = await stream.stop();
    console.info(`[shutdown] exit ${code} after ${exitMs} ms; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect([...statuses.keys()].filter((s) => !["202", "503", "network-error"].includes(s))).toEqual([]);

    proxy.setMode("pass");
    const second = await startServerProcess(env);
    children.push(second);
    const s3 = createTestS3Client(s3rver);
    const missing = await waitFor(async () => {
      const names = new Set((await listKeys(s3, "traces", `${prefix}/`)).map(eventIdFromKey));
      const left = accepted.filter((id) => !names.has(id));
      return left.length === 0 ? left : null;
    }, { timeoutMs: 60_000, intervalMs: 500, what: "every 202 in the bucket" });
    expect(missing).toEqual([]);

    // A pause for bad credentials gets logged with its destination id and code, and nothing secret.
    proxy.setMode("403");
    const more = startTraceStream({ url: () => second.url, apiKey, runId: `${runId}b`, parallel: 1 });
    await waitFor(async () => second.lines.some((l) => l.includes("destination paused until a user resumes it")), { what: "the pause in the log" });
    await more.stop();
    second.process.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    const lines = [...first.lines, ...second.lines];
    expectSafeJsonLogs(lines, [apiKey, apiKey.slice(4, 20), secretAccessKey, "PROMPT-TEXT-", "COMPLETION-TEXT-", TEST_ENCRYPTION_KEY]);
    const paused = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "destination paused until a user resumes it");
    expect(paused).toMatchObject({ level: "warn", code: "access-denied" });
    expect(paused.destinationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => JSON.parse(l).msg === "shut down")).toBe(true);
  });
});
