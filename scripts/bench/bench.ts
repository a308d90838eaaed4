// `npm run bench` (issue #6): measures Broadcast against the ceilings of the machine it runs on, in
// one run, and says PASS/MISS per target. Started by scripts/bench/run.mjs as
//   node --conditions=react-server --import tsx scripts/bench/bench.ts
// (react-server makes the "server-only" marker importable, so lib/ code can be called directly).
//
// Per database (the embedded PGlite always; PostgreSQL too when DATABASE_URL names a database whose
// name starts with "broadcast_bench"):
//   1. bare S3 ceiling: PutObject of the trace files straight to the s3rver, same SDK client
//      settings as delivery (lib/platform/s3/create-s3-client.ts, keep-alive), same concurrency;
//   2. bare HTTP ceiling: a node:http server that reads + parses the same JSON and answers 202;
//   3. end to end: `next start` on a fresh database, traces POSTed to /api/v1/traces until every
//      object is in the bucket (closed loop at a fixed concurrency, then an open loop at 500/s).
// Once per run: Test Connection round trip (testS3Connection) and previewObjectKey per keystroke.
//
// Knobs (environment): BENCH_TRACES (5000), BENCH_TRACES_LARGE (2000, the ~40 KB traces),
// BENCH_CONCURRENCY (16: ingest, delivery workers and both ceilings), BENCH_RATE (500),
// BENCH_RATE_TRACES (5000), BENCH_CPU_PROF=1 (server CPU profiles into bench/results/profiles/),
// BENCH_KEEP_DATA=1 (keep .tmp/bench-*), BENCH_SERVER_NODE_FLAGS (extra Node.js flags for the app
// server, e.g. "--max-semi-space-size=4", for experiments), DATABASE_URL (adds the PostgreSQL section).

import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { previewObjectKey } from "@/lib/core/object-keys/path-template";
import { parseAllowedEndpoints } from "@/lib/platform/s3/allowed-endpoints";
import { buildTraceBody } from "@/lib/delivery/trace-payload";
import { buildSizedEvent } from "@/lib/core/trace/sample-trace";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { createS3Client } from "@/lib/platform/s3/create-s3-client";
import { testS3Connection } from "@/lib/platform/s3/test-connection";
import { closedLoop, openLoop, percentiles, type LoadResult, type Percentiles } from "./load";
import { RssSampler } from "./rss";
import { isBuildFresh } from "../build-freshness.mjs";
import { withServerMemoryEnv, withServerNodeFlags } from "../server-env.mjs";
import type { SetupOutput } from "./setup-db";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const BUCKET = "bench";
const S3_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
// A fixed key for the throw-away bench databases only (never a real install's key).
const BENCH_ENCRYPTION_KEY = "62656e6368".padEnd(64, "0");
const SIZES = [4_000, 40_000] as const;
type Size = (typeof SIZES)[number];
const sizeLabel = (size: number) => `${Math.round(size / 1000)} KB`;

const env = process.env;
const int = (name: string, fallback: number) => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number; got "${raw}"`);
  return n;
};
const OPTIONS = {
  traces: int("BENCH_TRACES", 5_000),
  tracesLarge: int("BENCH_TRACES_LARGE", 2_000),
  concurrency: int("BENCH_CONCURRENCY", 16),
  rate: int("BENCH_RATE", 500),
  rateTraces: int("BENCH_RATE_TRACES", 5_000),
  warmup: int("BENCH_WARMUP", 300),
  cpuProfile: env.BENCH_CPU_PROF === "1",
  keepData: env.BENCH_KEEP_DATA === "1",
  serverNodeFlags: (env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean),
};
const countFor = (size: Size) => (size === 4_000 ? OPTIONS.traces : OPTIONS.tracesLarge);

const TARGETS = {
  deliveredVsBarePut: 0.9,
  acceptedVsBareHttp: 0.5,
  p99AtRateMs: 50,
  peakRssMb: 300,
  testConnectionMs: 1_000,
  previewPerKeystrokeMs: 5,
};

const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Everything this run starts, stopped in reverse order on success, failure or Ctrl-C.

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
const started = new Set<ChildProcess>();
const onCleanup = (name: string, run: () => Promise<void> | void) => cleanups.push({ name, run });

async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const { name, run } = cleanups.pop() as (typeof cleanups)[number];
    try {
      await run();
    } catch (error) {
      console.error(`[bench] cleanup ${name}: ${(error as Error).message}`);
    }
  }
}

// Last resort if the process exits without cleanupAll (an uncaught error): no orphans.
process.on("exit", () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[bench] ${signal}: stopping everything this run started`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.on("exit", () => started.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Build (the same freshness rule as scripts/start.mjs).

/** Pids of `next build` processes running in this tree (another engineer's, or an earlier run's). */
function otherBuilds(): number[] {
  const pids: number[] = [];
  for (const name of existsSync("/proc") ? readdirSync("/proc") : []) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (readlinkSync(`/proc/${name}/cwd`) !== ROOT) continue;
      const i = cmd.findIndex((a) => /(^|\/)next$/.test(a));
      if (i >= 0 && cmd[i + 1] === "build") pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

async function ensureBuild(): Promise<{ built: boolean; ms: number; waitedForOtherBuildMs: number }> {
  // `next build` refuses to run while another one holds .next/lock; wait for it (up to 10 minutes).
  const waitStart = Date.now();
  for (let announced = false; otherBuilds().length > 0; announced = true) {
    if (!announced) log("another `next build` is running in this tree; waiting for it to finish…");
    if (Date.now() - waitStart > 600_000) throw new Error("another next build has been running for 10 minutes; try again later");
    await sleep(1_000);
  }
  const waitedForOtherBuildMs = Date.now() - waitStart;
  const fresh = isBuildFresh(ROOT);
  if (fresh) {
    log("reusing the existing production build (.next/BUILD_ID is newer than the sources)");
    return { built: false, ms: 0, waitedForOtherBuildMs };
  }
  log("building the app (next build)…");
  const t = performance.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  return { built: true, ms: Math.round(performance.now() - t), waitedForOtherBuildMs };
}

/**
 * Other engineers build and test in this same tree, and `next build` empties .next first: a server
 * started from .next can lose its files mid-run. The benchmark therefore serves from a private copy:
 * .tmp/bench-<stamp>-app/ holds a copy of the build output (without caches) and symlinks to
 * everything else (node_modules, prisma/migrations, next.config.js, …), and `next start` runs there.
 */
async function snapshotBuild(stamp: string): Promise<string> {
  const dir = path.join(ROOT, ".tmp", `bench-${stamp}-app`);
  const skip = new Set([".next", ".tmp", ".git", "data"]);
  for (let attempt = 1; ; attempt++) {
    while (otherBuilds().length > 0) await sleep(1_000);
    const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
    const before = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    if (before === null) throw new Error(".next/BUILD_ID is missing (a build was removed or failed); run the benchmark again");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(ROOT)) if (!skip.has(entry)) symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    cpSync(path.join(ROOT, ".next"), path.join(dir, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !/[\\/]\.next[\\/](cache|dev|trace|diagnostics|lock)$/.test(src),
    });
    const after = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    const copied = existsSync(path.join(dir, ".next", "BUILD_ID")) ? readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8") : null;
    if (after === before && copied === before && otherBuilds().length === 0) return dir;
    if (attempt >= 5) throw new Error("the build kept changing while it was being copied; run the benchmark again");
    log("a build changed .next while it was being copied; copying again…");
  }
}

// ---------------------------------------------------------------------------------------------
// The S3 server (scripts/bench/s3-server.mjs, own process).

type S3Counts = { puts: number; keys: number; lastPutAt: number; at: number };
type S3Server = { port: number; endpoint: string; counts(): Promise<S3Counts>; close(): Promise<void> };

async function startS3(directory: string): Promise<S3Server> {
  const child = track(
    fork(path.join(ROOT, "scripts", "bench", "s3-server.mjs"), [], {
      cwd: ROOT,
      execArgv: [],
      env: { ...process.env, BENCH_S3_DIR: directory, BENCH_S3_BUCKET: BUCKET, NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const pending = new Map<number, (counts: S3Counts) => void>();
  let nextId = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`s3rver exited during start-up (code ${code})`)));
    child.on("message", (message: { type: string; id?: number; port?: number } & S3Counts) => {
      if (message.type === "ready") resolve(message.port as number);
      else if (message.type === "count") {
        pending.get(message.id as number)?.(message);
        pending.delete(message.id as number);
      }
    });
  });
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    counts: () =>
      new Promise<S3Counts>((resolve, reject) => {
        if (!child.connected) return reject(new Error("the s3rver process is gone"));
        const id = nextId++;
        pending.set(id, resolve);
        child.send({ type: "count", id });
      }),
    close: async () => {
      if (child.connected) child.send({ type: "close" });
      await stopChild(child, 5_000);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Payloads: realistic traces from lib/core/trace/sample-trace.ts. Request bodies get a unique event id
// per request (a few distinct base traces, so the JSON is not one string repeated).

type Payload = { size: Size; requestBytes: number; traceFileBytes: number; body(id: string): string; traceFile: string };

function buildPayload(size: Size): Payload {
  const variants = Array.from({ length: 16 }, (_, i) => {
    const seed = size + i * 7919;
    const json = JSON.stringify(buildSizedEvent(size, seed));
    const marker = `"id":"bench-${seed}"`;
    const at = json.indexOf(marker);
    if (at < 0) throw new Error("sample trace has no id field");
    return { head: `${json.slice(0, at)}"id":"`, tail: json.slice(at + marker.length - 1) };
  });
  let n = 0;
  const body = (id: string) => {
    const v = variants[n++ % variants.length] as (typeof variants)[number];
    return `${v.head}${id}${v.tail}`;
  };
  // What a delivery writes for such a trace: the bare PutObject ceiling sends exactly this.
  const parsed = parseIngestBody(JSON.parse(body("bench-file")), new Date());
  if (!parsed.ok) throw new Error(`sample trace does not pass the ingest schema: ${JSON.stringify(parsed.errors)}`);
  const traceFile = buildTraceBody(parsed.events[0] as (typeof parsed.events)[number], { apiKeyName: "bench", privacyMode: false });
  return { size, requestBytes: Buffer.byteLength(body("bench-probe-0000")), traceFileBytes: Buffer.byteLength(traceFile), body, traceFile };
}

// ---------------------------------------------------------------------------------------------
// Ceilings.

type BarePutResult = { size: string; objects: number; concurrency: number; wallMs: number; objectsPerSec: number; latencyMs: Percentiles; errors: number };

async function barePutObject(s3: S3Server, payload: Payload, count: number, concurrency: number, label: string): Promise<BarePutResult> {
  // The delivery worker's client settings (destination-clients.ts): keep-alive, one attempt.
  const client = createS3Client(
    { bucketName: BUCKET, region: "us-east-1", endpoint: s3.endpoint, sessionToken: null, ...S3_KEYS },
    { allowedEndpoints: parseAllowedEndpoints(`127.0.0.1:${s3.port}`), timeoutMs: 20_000, maxAttempts: 1, keepAlive: true },
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const t = performance.now();
          try {
            await client.send(
              new PutObjectCommand({ Bucket: BUCKET, Key: `bare/${label}/${String(i).padStart(6, "0")}.json`, Body: payload.traceFile, ContentType: "application/json; charset=utf-8" }),
            );
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }),
    );
  } finally {
    client.destroy();
  }
  const wallMs = performance.now() - t0;
  return { size: sizeLabel(payload.size), objects: count - errors, concurrency, wallMs: Math.round(wallMs), objectsPerSec: round(((count - errors) / wallMs) * 1000), latencyMs: percentiles(latencies), errors };
}

async function startHttpBaseline(): Promise<{ origin: string; close(): Promise<void> }> {
  const child = track(spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "http-baseline.mjs")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] }));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`http baseline exited (code ${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => stopChild(child, 5_000) };
}

// ---------------------------------------------------------------------------------------------
// Test Connection and the path preview (once per run; neither touches the database).

async function benchTestConnection(s3: S3Server) {
  const target = {
    bucketName: BUCKET, region: "us-east-1", endpoint: s3.endpoint, sessionToken: null, ...S3_KEYS,
    prefix: "connection-test", pathTemplate: "{prefix}/{date}",
  };
  const allowedEndpoints = parseAllowedEndpoints(`127.0.0.1:${s3.port}`);
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    const result = await testS3Connection(target, { allowedEndpoints });
    times.push(performance.now() - t);
    if (!result.ok) failures.push(`${result.failure.code}: ${result.failure.message}`);
  }
  const [first, ...warm] = times;
  return { runs: times.length, firstMs: round(first as number), warm: percentiles(warm), failures };
}

/** Typing sequences as a user edits the Path template and Prefix fields, one call per keystroke. */
function typingSequence(): { template: string; prefix: string }[] {
  const states: { template: string; prefix: string }[] = [];
  const type = (text: string, at: (partial: string) => { template: string; prefix: string }) => {
    for (let i = 0; i <= text.length; i++) states.push(at(text.slice(0, i)));
  };
  // Clearing the default and typing a layout, with unbalanced braces and half-typed variable names on the way.
  type("{prefix}/{apiKeyName}/{year}/{month}/{day}", (t) => ({ template: t, prefix: "openrouter-traces" }));
  // Editing the prefix under that template.
  type("llm-traces/production/eu-west", (p) => ({ template: "{prefix}/{apiKeyName}/{year}/{month}/{day}", prefix: p }));
  // A long, deep layout (near the key-length budget), typed to the end.
  const long = "analytics/raw/llm/" + Array.from({ length: 12 }, (_, i) => `team-${i}/{apiKeyName}/{year}-{month}-{day}`).join("/");
  type(long, (t) => ({ template: t, prefix: "p" }));
  return states;
}

function benchPreview() {
  const states = typingSequence();
  const now = new Date();
  let sink = 0;
  for (let i = 0; i < 200; i++) for (const s of states) sink += previewObjectKey(s.template, s.prefix, now).ok ? 1 : 0; // warm-up (JIT)
  const iterations = 2_000;
  const perKeystroke: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    for (const s of states) {
      const t = performance.now();
      sink += previewObjectKey(s.template, s.prefix, now).ok ? 1 : 0;
      perKeystroke.push(performance.now() - t);
    }
  }
  const totalMs = performance.now() - t0;
  const p = percentiles(perKeystroke);
  const us = (ms: number) => round(ms * 1000, 2);
  return {
    keystrokes: states.length,
    iterations,
    calls: perKeystroke.length,
    meanMs: round(totalMs / perKeystroke.length, 5),
    perKeystrokeUs: { p50: us(p.p50), p99: us(p.p99), max: us(p.max), mean: us(p.mean) },
    longestTemplateChars: Math.max(...states.map((s) => s.template.length)),
    sink,
  };
}

// ---------------------------------------------------------------------------------------------
// The app under test.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type App = { pid: number; origin: string; logFile: string; startMs: number; stop(): Promise<void> };

async function startApp(opts: { appDir: string; dataDir: string; databaseUrl: string | null; s3: S3Server; label: string; profileDir: string | null }): Promise<App> {
  const port = await freePort();
  const serverEnv: Record<string, string | undefined> = {};
  // The caller's own Broadcast settings must not leak into the measured server.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("BROADCAST_") && !["DATABASE_URL", "NODE_OPTIONS", "PORT"].includes(k)) serverEnv[k] = v;
  Object.assign(serverEnv, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    BROADCAST_DATA_DIR: opts.dataDir,
    BROADCAST_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    BROADCAST_LOCAL_S3: "0",
    BROADCAST_ALLOWED_ENDPOINTS: `127.0.0.1:${opts.s3.port}`,
    BROADCAST_INGEST_RATE_LIMIT: "0",
    BROADCAST_DELIVERY_CONCURRENCY: String(OPTIONS.concurrency),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  });
  // Node 20 refuses --cpu-prof in NODE_OPTIONS; `next start` serves from this very process, so the
  // flag goes on its command line. The profile is written when the server exits (SIGTERM → exit).
  const nodeFlags = [...withServerNodeFlags(OPTIONS.serverNodeFlags), ...(opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [])];
  const logFile = path.join(opts.dataDir, "server.log");
  const fd = openSync(logFile, "a");
  const t = performance.now();
  const child = track(spawn(process.execPath, [...nodeFlags, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: opts.appDir, env: withServerMemoryEnv(serverEnv) as NodeJS.ProcessEnv, stdio: ["ignore", fd, fd] }));
  closeSync(fd);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child, 30_000);
  onCleanup(`app (${opts.label})`, stop);
  const tail = () => readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  // Ready = the ingest route answers (401 without a key) and the delivery workers have started.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited during start-up (${child.exitCode ?? child.signalCode}); server.log:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`the app did not become ready in 90 s; server.log:\n${tail()}`);
    const workersUp = /\[broadcast\] delivery: \d+ parallel writes/.test(readFileSync(logFile, "utf8"));
    if (workersUp) {
      const status = await fetch(`${origin}/api/v1/traces`, { method: "POST" }).then((r) => r.status, () => 0);
      if (status === 401) break;
    }
    await sleep(100);
  }
  return { pid: child.pid as number, origin, logFile, startMs: Math.round(performance.now() - t), stop };
}

function runSetup(dataDir: string, databaseUrl: string | null, s3: S3Server, prefix: string): SetupOutput {
  const setupEnv: NodeJS.ProcessEnv = { ...process.env, BROADCAST_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1" };
  delete setupEnv.DATABASE_URL;
  if (databaseUrl) setupEnv.DATABASE_URL = databaseUrl;
  setupEnv.BENCH_SETUP = JSON.stringify({
    encryptionKey: BENCH_ENCRYPTION_KEY,
    s3: { endpoint: s3.endpoint, bucket: BUCKET, ...S3_KEYS },
    prefix,
    pathTemplate: "{prefix}/{date}",
  });
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "bench", "setup-db.ts")], {
    cwd: ROOT,
    env: setupEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`database setup failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as SetupOutput;
}

/** A dedicated PostgreSQL database: created if missing, its public schema dropped and recreated. */
async function resetPostgres(url: string): Promise<string> {
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^broadcast_bench[A-Za-z0-9_]*$/.test(dbName)) {
    throw new Error(
      `refusing to use DATABASE_URL: the benchmark drops and recreates the schema of the database it names, so that ` +
        `database's name must start with "broadcast_bench" (got "${dbName}"). Point it at e.g. .../broadcast_bench.`,
    );
  }
  const { Client } = await import("pg");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const exists = await adminClient.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (exists.rowCount === 0) await adminClient.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await adminClient.end();
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
  return dbName;
}

// ---------------------------------------------------------------------------------------------
// End to end: POST until every accepted trace is an object in the bucket.

type E2EResult = {
  name: string;
  size: string;
  load: LoadResult;
  expectedObjects: number;
  deliveredObjects: number;
  /** Accepted traces ÷ time from the first POST until the last of them is in the bucket. */
  deliveredPerSec: number;
  /** The same, between 10 % and 90 % of the objects (without pipeline fill and tail). */
  deliveredPerSecSteady: number;
  /** From the first POST until the backlog is empty (every accepted trace written). */
  backlogEmptyAfterStartMs: number;
  /** From the last 202 until the backlog is empty. */
  backlogEmptyAfterLoadMs: number;
  peakRssMb: number;
  complete: boolean;
  s3Puts: number;
};

async function endToEnd(
  app: App,
  s3: S3Server,
  sampler: RssSampler,
  apiKey: string,
  spec: { name: string; payload: Payload; count: number; mode: "closed" | "open"; concurrency?: number; rate?: number; idPrefix: string },
): Promise<E2EResult> {
  const base = await s3.counts();
  sampler.resetWindow();
  const timeline: { at: number; keys: number }[] = [];
  let expected = Infinity;
  let last: S3Counts = base;
  let pollError: Error | null = null;
  let stopPolling = false;
  const poller = (async () => {
    while (!stopPolling) {
      try {
        last = await s3.counts();
      } catch (error) {
        pollError = error as Error;
        return;
      }
      timeline.push({ at: last.lastPutAt, keys: last.keys - base.keys });
      if (last.keys - base.keys >= expected) return;
      await sleep(50);
    }
  })();
  const target = { origin: app.origin, path: "/api/v1/traces", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" } };
  const makeBody = (i: number) => spec.payload.body(`${spec.idPrefix}-${i}`);
  const load =
    spec.mode === "closed"
      ? await closedLoop(target, makeBody, spec.count, spec.concurrency as number)
      : await openLoop(target, makeBody, spec.count, spec.rate as number);
  expected = load.accepted;
  // Every accepted trace must land; a stuck backlog ends the wait after 3 minutes.
  const deadline = Date.now() + 180_000;
  while (last.keys - base.keys < expected && Date.now() < deadline && !pollError) await sleep(50);
  stopPolling = true;
  await poller;
  if (pollError) throw pollError;
  const delivered = last.keys - base.keys;
  const complete = delivered >= expected;
  const doneAt = complete ? (timeline.find((p) => p.keys >= expected)?.at ?? last.lastPutAt) : Date.now();
  const at = (fraction: number) => timeline.find((p) => p.keys >= expected * fraction);
  const p10 = at(0.1);
  const p90 = at(0.9);
  const steady = p10 && p90 && p90.at > p10.at ? ((p90.keys - p10.keys) / (p90.at - p10.at)) * 1000 : NaN;
  const totalMs = Math.max(1, doneAt - load.startedAtMs);
  return {
    name: spec.name,
    size: sizeLabel(spec.payload.size),
    load,
    expectedObjects: expected,
    deliveredObjects: delivered,
    deliveredPerSec: round((delivered / totalMs) * 1000),
    deliveredPerSecSteady: round(steady),
    backlogEmptyAfterStartMs: totalMs,
    backlogEmptyAfterLoadMs: Math.max(0, doneAt - load.finishedAtMs),
    peakRssMb: sampler.peakInWindow(),
    complete,
    s3Puts: last.puts - base.puts,
  };
}

// ---------------------------------------------------------------------------------------------
// One database section.

type Section = {
  database: "pglite" | "postgres";
  description: string;
  setupOpenMs: number;
  appStartMs: number;
  barePut: Record<string, BarePutResult>;
  bareHttp: Record<string, LoadResult>;
  /** The app's own route answering 401 (no key sent): Next.js's cost per request, no database. */
  frameworkFloor: Record<string, LoadResult>;
  e2e: E2EResult[];
  peakRssMb: number;
  idleRssMb: number;
  processTree: { pid: number; cmd: string }[];
  profileDir: string | null;
};

async function runSection(kind: "pglite" | "postgres", s3: S3Server, payloads: Record<Size, Payload>, stamp: string, appDir: string): Promise<Section> {
  const dataDir = path.join(ROOT, ".tmp", `bench-${stamp}-${kind}`);
  mkdirSync(dataDir, { recursive: true });
  if (!OPTIONS.keepData) onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const databaseUrl = kind === "postgres" ? (env.DATABASE_URL?.trim() as string) : null;
  if (databaseUrl) log(`PostgreSQL: dropped and recreated the public schema of ${await resetPostgres(databaseUrl)}`);

  log(`[${kind}] bare S3 ceiling: PutObject × ${OPTIONS.traces}/${OPTIONS.tracesLarge} at concurrency ${OPTIONS.concurrency}`);
  const barePut: Record<string, BarePutResult> = {};
  for (const size of SIZES) {
    barePut[sizeLabel(size)] = await barePutObject(s3, payloads[size], countFor(size), OPTIONS.concurrency, `${kind}-${size}`);
    log(`  ${sizeLabel(size)}: ${barePut[sizeLabel(size)]?.objectsPerSec} objects/s`);
  }

  log(`[${kind}] bare HTTP ceiling: node:http read + JSON.parse + 202, concurrency ${OPTIONS.concurrency}`);
  const bareHttp: Record<string, LoadResult> = {};
  const http = await startHttpBaseline();
  try {
    for (const size of SIZES) {
      const target = { origin: http.origin, path: "/api/v1/traces", headers: { authorization: "Bearer x", "content-type": "application/json" } };
      await closedLoop(target, (i) => payloads[size].body(`warm-${i}`), 500, OPTIONS.concurrency);
      const r = await closedLoop(target, (i) => payloads[size].body(`http-${i}`), countFor(size), OPTIONS.concurrency);
      bareHttp[sizeLabel(size)] = r;
      log(`  ${sizeLabel(size)}: ${r.acceptedPerSec} requests/s (p99 ${r.latencyMs.p99} ms)`);
    }
  } finally {
    await http.close();
  }

  const prefix = `e2e-${kind}`;
  const setup = runSetup(dataDir, databaseUrl, s3, prefix);
  log(`[${kind}] ${setup.database}: API key and destination created (opened in ${setup.openMs} ms)`);
  const profileDir = OPTIONS.cpuProfile ? path.join(RESULTS_DIR, "profiles", `${stamp}-${kind}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const app = await startApp({ appDir, dataDir, databaseUrl, s3, label: kind, profileDir });
  log(`[${kind}] next start ready in ${app.startMs} ms (pid ${app.pid}, log ${path.relative(ROOT, app.logFile)})`);
  const sampler = new RssSampler(app.pid);
  sampler.start();
  onCleanup(`rss sampler (${kind})`, () => sampler.stop());
  await sleep(1_000);
  const idleRssMb = sampler.lastMb;

  const e2e: E2EResult[] = [];
  const frameworkFloor: Record<string, LoadResult> = {};
  let processTree: { pid: number; cmd: string }[] = [];
  try {
    // Warm-up: JIT, route module loading, connection pools. Not reported.
    await endToEnd(app, s3, sampler, setup.apiKey, { name: "warm-up", payload: payloads[4_000], count: OPTIONS.warmup, mode: "closed", concurrency: OPTIONS.concurrency, idPrefix: `b-${kind}-warm` });
    // The same POSTs without an API key: the route handler answers 401 before touching the database,
    // so this is what Next.js itself costs per request: the most any route of the app could serve.
    log(`[${kind}] framework floor: the same POSTs without a key (401 from the route, no database), concurrency ${OPTIONS.concurrency}`);
    for (const size of SIZES) {
      const target = { origin: app.origin, path: "/api/v1/traces", headers: { "content-type": "application/json" } };
      const r = await closedLoop(target, (i) => payloads[size].body(`floor-${i}`), countFor(size), OPTIONS.concurrency);
      if ((r.statuses["401"] ?? 0) !== r.requests) throw new Error(`framework floor: expected only 401s, got ${JSON.stringify(r.statuses)}`);
      frameworkFloor[sizeLabel(size)] = r;
      log(`  ${sizeLabel(size)}: ${requestsPerSec(r)} requests/s`);
    }
    for (const size of SIZES) {
      const r = await endToEnd(app, s3, sampler, setup.apiKey, {
        name: `closed c=${OPTIONS.concurrency}`, payload: payloads[size], count: countFor(size), mode: "closed", concurrency: OPTIONS.concurrency, idPrefix: `b-${kind}-c${size}`,
      });
      e2e.push(r);
      log(`  ${r.name} ${r.size}: accepted ${r.load.acceptedPerSec}/s, delivered ${r.deliveredPerSec}/s, p99 ${r.load.latencyMs.p99} ms, backlog empty ${r.backlogEmptyAfterLoadMs} ms after the last 202, RSS peak ${r.peakRssMb} MB${statusNote(r)}`);
      await sleep(1_000);
    }
    const r = await endToEnd(app, s3, sampler, setup.apiKey, {
      name: `open ${OPTIONS.rate}/s`, payload: payloads[4_000], count: OPTIONS.rateTraces, mode: "open", rate: OPTIONS.rate, idPrefix: `b-${kind}-r`,
    });
    e2e.push(r);
    log(`  ${r.name} ${r.size}: p50 ${r.load.latencyMs.p50} / p95 ${r.load.latencyMs.p95} / p99 ${r.load.latencyMs.p99} ms, delivered ${r.deliveredPerSec}/s, RSS peak ${r.peakRssMb} MB${statusNote(r)}`);
  } finally {
    processTree = sampler.tree();
    sampler.stop();
    await app.stop();
  }
  return {
    database: kind,
    description: setup.database,
    setupOpenMs: setup.openMs,
    appStartMs: app.startMs,
    barePut,
    bareHttp,
    frameworkFloor,
    e2e,
    peakRssMb: sampler.peakMb,
    idleRssMb,
    processTree,
    profileDir: profileDir ? path.relative(ROOT, profileDir) : null,
  };
}

/** Answers of any status per second (acceptedPerSec counts 2xx only). */
function requestsPerSec(r: LoadResult): number {
  return round((r.requests / r.wallMs) * 1000);
}

function statusNote(r: E2EResult): string {
  const other = Object.entries(r.load.statuses).filter(([s]) => s !== "202");
  const notes = other.map(([s, n]) => `${n}× ${s}`);
  if (!r.complete) notes.push(`INCOMPLETE: ${r.deliveredObjects}/${r.expectedObjects} objects`);
  if (r.load.firstError) notes.push(`first error: ${r.load.firstError}`);
  return notes.length ? ` [${notes.join("; ")}]` : "";
}

// ---------------------------------------------------------------------------------------------
// Report.

type Verdict = { target: string; value: string; goal: string; pass: boolean; database?: string };

function verdicts(sections: Section[], testConnection: Awaited<ReturnType<typeof benchTestConnection>>, preview: ReturnType<typeof benchPreview>): Verdict[] {
  const out: Verdict[] = [];
  for (const s of sections) {
    for (const size of SIZES) {
      const label = sizeLabel(size);
      const e = s.e2e.find((r) => r.size === label && r.load.mode === "closed");
      const put = s.barePut[label];
      const http = s.bareHttp[label];
      if (e && put) {
        const ratio = e.deliveredPerSec / put.objectsPerSec;
        out.push({ database: s.database, target: `delivered/s ÷ bare PutObject/s (${label})`, value: `${round(ratio, 2)} (${e.deliveredPerSec} / ${put.objectsPerSec})`, goal: `≥ ${TARGETS.deliveredVsBarePut}`, pass: e.complete && ratio >= TARGETS.deliveredVsBarePut });
      }
      if (e && http) {
        const ratio = e.load.acceptedPerSec / http.acceptedPerSec;
        out.push({ database: s.database, target: `accepted/s ÷ bare node:http (${label})`, value: `${round(ratio, 2)} (${e.load.acceptedPerSec} / ${http.acceptedPerSec})`, goal: `≥ ${TARGETS.acceptedVsBareHttp}`, pass: ratio >= TARGETS.acceptedVsBareHttp });
      }
    }
    const rate = s.e2e.find((r) => r.load.mode === "open");
    if (rate && s.database === "pglite") {
      const p99 = rate.load.latencyMs.p99;
      const allAccepted = rate.load.accepted === rate.load.requests;
      out.push({ database: s.database, target: `ingest p99 at ${OPTIONS.rate} req/s`, value: `${p99} ms${allAccepted ? "" : ` (${rate.load.requests - rate.load.accepted} not accepted)`}`, goal: `< ${TARGETS.p99AtRateMs} ms`, pass: allAccepted && p99 < TARGETS.p99AtRateMs });
    } else if (rate) {
      out.push({ database: s.database, target: `ingest p99 at ${OPTIONS.rate} req/s (informational)`, value: `${rate.load.latencyMs.p99} ms`, goal: `(< ${TARGETS.p99AtRateMs} ms on PGlite)`, pass: rate.load.latencyMs.p99 < TARGETS.p99AtRateMs });
    }
    out.push({ database: s.database, target: "app peak RSS (next-server tree)", value: `${s.peakRssMb} MB`, goal: `< ${TARGETS.peakRssMb} MB`, pass: s.peakRssMb < TARGETS.peakRssMb });
  }
  const tc = Math.max(testConnection.firstMs, testConnection.warm.max);
  out.push({ target: "Test Connection round trip (worst of 21)", value: `${tc} ms (first ${testConnection.firstMs}, median ${testConnection.warm.p50})`, goal: `< ${TARGETS.testConnectionMs} ms`, pass: testConnection.failures.length === 0 && tc < TARGETS.testConnectionMs });
  out.push({ target: "path preview per keystroke (p99)", value: `${preview.perKeystrokeUs.p99} µs (max ${preview.perKeystrokeUs.max} µs)`, goal: `< ${TARGETS.previewPerKeystrokeMs} ms`, pass: preview.perKeystrokeUs.p99 / 1000 < TARGETS.previewPerKeystrokeMs });
  return out;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows.map((r, i) => {
    const line = r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ");
    return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
  }).join("\n");
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((v) => round(v, 2)),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-").replace(/-\d{3}Z$/, "Z");
  const machineBefore = machine();
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
    if (!name.startsWith("broadcast_bench")) {
      console.error(
        `[bench] refusing to run: DATABASE_URL names the database "${name}". The benchmark drops and recreates the schema of ` +
          `the database it is given, so its name must start with "broadcast_bench" (e.g. postgres://…/broadcast_bench). ` +
          "Unset DATABASE_URL to benchmark the embedded database only.",
      );
      return 2;
    }
  }
  log(`machine: ${machineBefore.nproc} CPUs (${machineBefore.cpuModel}), ${machineBefore.memoryGb} GB, node ${machineBefore.node}, load ${machineBefore.loadAverage.join(" ")}`);
  log(`options: ${JSON.stringify(OPTIONS)}`);
  const build = await ensureBuild();
  const appDir = await snapshotBuild(stamp);
  if (!OPTIONS.keepData) onCleanup(`remove ${appDir}`, () => rmSync(appDir, { recursive: true, force: true }));
  log(`serving a private copy of the build from ${path.relative(ROOT, appDir)} (others may rebuild .next meanwhile)`);

  const s3Dir = path.join(ROOT, ".tmp", `bench-${stamp}-s3`);
  const s3 = await startS3(s3Dir);
  onCleanup("s3rver", () => s3.close());
  if (!OPTIONS.keepData) onCleanup(`remove ${s3Dir}`, () => rmSync(s3Dir, { recursive: true, force: true }));
  log(`s3rver on ${s3.endpoint}, bucket "${BUCKET}"`);

  const payloads = { 4000: buildPayload(4_000), 40000: buildPayload(40_000) } as Record<Size, Payload>;
  for (const p of Object.values(payloads)) log(`payload ${sizeLabel(p.size)}: request ${p.requestBytes} B, trace file ${p.traceFileBytes} B`);

  const testConnection = await benchTestConnection(s3);
  log(`Test Connection: first ${testConnection.firstMs} ms, then median ${testConnection.warm.p50} ms, max ${testConnection.warm.max} ms${testConnection.failures.length ? `; FAILURES: ${testConnection.failures[0]}` : ""}`);
  const preview = benchPreview();
  log(`previewObjectKey: ${preview.keystrokes} keystrokes × ${preview.iterations}: p50 ${preview.perKeystrokeUs.p50} µs, p99 ${preview.perKeystrokeUs.p99} µs, max ${preview.perKeystrokeUs.max} µs`);

  const sections: Section[] = [];
  sections.push(await runSection("pglite", s3, payloads, stamp, appDir));
  if (databaseUrl) sections.push(await runSection("postgres", s3, payloads, stamp, appDir));

  const results = {
    issue: 6,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationS: round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machineBefore, loadAverageAtStart: machineBefore.loadAverage, loadAverageAtEnd: machine().loadAverage },
    options: OPTIONS,
    build,
    targets: TARGETS,
    payloads: Object.values(payloads).map((p) => ({ size: sizeLabel(p.size), requestBytes: p.requestBytes, traceFileBytes: p.traceFileBytes })),
    testConnection,
    preview,
    sections,
    verdicts: [] as Verdict[],
  };
  results.verdicts = verdicts(sections, testConnection, preview);

  // The summary table.
  const rows: string[][] = [["database", "scenario", "size", "accepted/s", "delivered/s", "bare PutObject/s", "deliv÷put", "bare http/s", "acc÷http", "p50 ms", "p95 ms", "p99 ms", "backlog empty", "peak RSS"]];
  for (const s of sections) {
    for (const e of s.e2e) {
      const put = s.barePut[e.size];
      const http = s.bareHttp[e.size];
      const closed = e.load.mode === "closed";
      rows.push([
        s.database, e.name, e.size, String(e.load.acceptedPerSec), `${e.deliveredPerSec}${e.complete ? "" : " (incomplete)"}`,
        String(put?.objectsPerSec ?? ""), closed && put ? String(round(e.deliveredPerSec / put.objectsPerSec, 2)) : "-",
        String(http?.acceptedPerSec ?? ""), closed && http ? String(round(e.load.acceptedPerSec / http.acceptedPerSec, 2)) : "-",
        String(e.load.latencyMs.p50), String(e.load.latencyMs.p95), String(e.load.latencyMs.p99),
        `${round(e.backlogEmptyAfterStartMs / 1000, 2)} s (+${round(e.backlogEmptyAfterLoadMs / 1000, 2)} s)`, `${e.peakRssMb} MB`,
      ]);
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log("backlog empty: seconds from the first POST until every accepted trace is in the bucket (+ after the last 202)\n");
  const floorRows: string[][] = [["database", "size", "Next.js floor req/s (401, no DB)", "bare http/s", "floor÷http", "accepted/s", "accepted÷floor"]];
  for (const s of sections) {
    for (const size of SIZES) {
      const label = sizeLabel(size);
      const floor = s.frameworkFloor[label];
      const http = s.bareHttp[label];
      const e = s.e2e.find((r) => r.size === label && r.load.mode === "closed");
      if (!floor || !http || !e) continue;
      const f = requestsPerSec(floor);
      floorRows.push([s.database, label, String(f), String(http.acceptedPerSec), String(round(f / http.acceptedPerSec, 2)), String(e.load.acceptedPerSec), String(round(e.load.acceptedPerSec / f, 2))]);
    }
  }
  console.log(`${table(floorRows)}\n`);
  console.log(table([["", "target", "value", "goal", "database"], ...results.verdicts.map((v) => [v.pass ? "PASS" : "MISS", v.target, v.value, v.goal, v.database ?? ""])]));
  console.log(`\nmachine: ${results.machine.nproc} CPUs, ${results.machine.memoryGb} GB, node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(" ")} → ${results.machine.loadAverageAtEnd.join(" ")}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`raw figures: ${path.relative(ROOT, file)} (${results.durationS} s in all)`);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
} finally {
  await cleanupAll();
}
process.exit(interrupted ? 130 : code);
