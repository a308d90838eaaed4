// The app under test: the production server (`npm start`'s, .next/broadcast/server.mjs) from the
// private build copy, its database set up beforehand.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { withServerMemoryEnv, withServerNodeFlags } from "../server-env.mjs";
import { BENCH_ENCRYPTION_KEY, BUCKET, OPTIONS, ROOT, S3_KEYS, sleep } from "./config";
import { onCleanup, stopChild, track } from "./processes";
import type { S3Server } from "./s3-process";
import type { SetupOutput } from "./setup-db";

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

export type App = { pid: number; origin: string; logFile: string; startMs: number; stop(): Promise<void> };

export type AppOptions = { appDir: string; dataDir: string; databaseUrl: string | null; s3: S3Server; label: string; profileDir: string | null; extraEnv?: Record<string, string> };

export async function startApp(opts: AppOptions): Promise<App> {
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
    ...(OPTIONS.s3Threads !== undefined && { BROADCAST_S3_THREADS: OPTIONS.s3Threads }),
    ...opts.extraEnv,
  });
  // Node 20 refuses --cpu-prof in NODE_OPTIONS, so the flag goes on the server's command line. The
  // profile is written when the server exits (SIGTERM → exit).
  const nodeFlags = [...withServerNodeFlags(OPTIONS.serverNodeFlags), ...(opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [])];
  const logFile = path.join(opts.dataDir, "server.log");
  const fd = openSync(logFile, "a");
  const t = performance.now();
  const child = track(spawn(process.execPath, [...nodeFlags, path.join(opts.appDir, ".next", "broadcast", "server.mjs"), "-p", String(port), "-H", "127.0.0.1"], { cwd: opts.appDir, env: withServerMemoryEnv(serverEnv) as NodeJS.ProcessEnv, stdio: ["ignore", fd, fd] }));
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
    const workersUp = /delivery workers started|delivery is off in this process/.test(readFileSync(logFile, "utf8"));
    if (workersUp) {
      const status = await fetch(`${origin}/api/v1/traces`, { method: "POST" }).then((r) => r.status, () => 0);
      if (status === 401) break;
    }
    await sleep(100);
  }
  return { pid: child.pid as number, origin, logFile, startMs: Math.round(performance.now() - t), stop };
}

export function runSetup(dataDir: string, databaseUrl: string | null, s3: S3Server, prefix: string, broadcastEnabled = true): SetupOutput {
  const setupEnv: NodeJS.ProcessEnv = { ...process.env, BROADCAST_DATA_DIR: dataDir, NODE_NO_WARNINGS: "1" };
  delete setupEnv.DATABASE_URL;
  if (databaseUrl) setupEnv.DATABASE_URL = databaseUrl;
  setupEnv.BENCH_SETUP = JSON.stringify({
    encryptionKey: BENCH_ENCRYPTION_KEY,
    s3: { endpoint: s3.endpoint, bucket: BUCKET, ...S3_KEYS },
    prefix,
    pathTemplate: "{prefix}/{date}",
    broadcastEnabled,
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
export async function resetPostgres(url: string): Promise<string> {
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
