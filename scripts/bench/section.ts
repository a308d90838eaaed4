// One database section: both ceilings; the app with Broadcast off (ingest alone: nothing stored or
// delivered); then the app on a fresh database (the route's 401 floor, closed loop per size, open
// loop at the target rate, batches of 100 traces a request).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { resetPostgres, runSetup, startApp } from "./app-server";
import { barePutObject, startHttpBaseline, type BarePutResult } from "./ceilings";
import { countFor, env, log, OPTIONS, RESULTS_DIR, ROOT, round, SIZES, sizeLabel, sleep, type Size } from "./config";
import { endToEnd, type E2EResult } from "./end-to-end";
import { closedLoop, type LoadResult } from "./load";
import { buildOtlpPayload, type Payload } from "./payload";
import { onCleanup } from "./processes";
import { RssSampler } from "./rss";
import type { S3Server } from "./s3-process";

export type Section = {
  database: "pglite" | "postgres";
  description: string;
  setupOpenMs: number;
  appStartMs: number;
  barePut: Record<string, BarePutResult>;
  bareHttp: Record<string, LoadResult>;
  /** The app's own ingest route answering 401 (no key sent): the server's cost per request, no database. */
  frameworkFloor: Record<string, LoadResult>;
  /** One trace a request to an app with Broadcast off (4 KB): ingest's own cost, nothing stored. */
  ingestAlone: E2EResult | null;
  e2e: E2EResult[];
  peakRssMb: number;
  idleRssMb: number;
  processTree: { pid: number; cmd: string }[];
  profileDir: string | null;
};

export async function runSection(kind: "pglite" | "postgres", s3: S3Server, payloads: Record<Size, Payload>, stamp: string, appDir: string): Promise<Section> {
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

  const profileDir = OPTIONS.cpuProfile ? path.join(RESULTS_DIR, "profiles", `${stamp}-${kind}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const alone = await runIngestAlone(kind, dataDir, databaseUrl, s3, payloads, appDir, profileDir);
  if (databaseUrl) await resetPostgres(databaseUrl);

  const prefix = `e2e-${kind}`;
  const setup = runSetup(dataDir, databaseUrl, s3, prefix);
  log(`[${kind}] ${setup.database}: API key and destination created (opened in ${setup.openMs} ms)`);
  const app = await startApp({ appDir, dataDir, databaseUrl, s3, label: kind, profileDir });
  log(`[${kind}] server ready in ${app.startMs} ms (pid ${app.pid}, log ${path.relative(ROOT, app.logFile)})`);
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
    // The same POSTs without an API key: the ingest handler answers 401 before touching the database,
    // so this is what the server itself costs per request: the most the ingest route could serve.
    log(`[${kind}] ingest route floor: the same POSTs without a key (401, no database), concurrency ${OPTIONS.concurrency}`);
    for (const size of SIZES) {
      const target = { origin: app.origin, path: "/api/v1/traces", headers: { "content-type": "application/json" } };
      const r = await closedLoop(target, (i) => payloads[size].body(`floor-${i}`), countFor(size), OPTIONS.concurrency);
      if ((r.statuses["401"] ?? 0) !== r.requests) throw new Error(`ingest route floor: expected only 401s, got ${JSON.stringify(r.statuses)}`);
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
    // OTLP/HTTP JSON, one span a request: the other ingest endpoint, same closed loop as the native 4 KB one.
    const otlp = await endToEnd(app, s3, sampler, setup.apiKey, {
      name: `otlp one span c=${OPTIONS.concurrency}`, payload: buildOtlpPayload(4_000), path: "/v1/traces", count: OPTIONS.traces, mode: "closed", concurrency: OPTIONS.concurrency, idPrefix: `b-${kind}-otlp`,
    });
    e2e.push(otlp);
    log(`  ${otlp.name} ${otlp.size}: accepted ${otlp.load.acceptedPerSec}/s, delivered ${otlp.deliveredPerSec}/s, p99 ${otlp.load.latencyMs.p99} ms${statusNote(otlp)}`);
    await sleep(1_000);
    const r = await endToEnd(app, s3, sampler, setup.apiKey, {
      name: `open ${OPTIONS.rate}/s`, payload: payloads[4_000], count: OPTIONS.rateTraces, mode: "open", rate: OPTIONS.rate, idPrefix: `b-${kind}-r`,
    });
    e2e.push(r);
    log(`  ${r.name} ${r.size}: p50 ${r.load.latencyMs.p50} / p95 ${r.load.latencyMs.p95} / p99 ${r.load.latencyMs.p99} ms, delivered ${r.deliveredPerSec}/s, RSS peak ${r.peakRssMb} MB${statusNote(r)}`);
    // Last: its backlog (batch × requests traces) is the biggest, and nothing runs after it.
    const concurrency = Math.max(1, Math.round(OPTIONS.concurrency / 4));
    const b = await endToEnd(app, s3, sampler, setup.apiKey, {
      name: `batches of ${OPTIONS.batch} c=${concurrency}`, payload: payloads[4_000], count: OPTIONS.batchRequests, mode: "closed", concurrency, idPrefix: `b-${kind}-batch`, batch: OPTIONS.batch,
    });
    e2e.push(b);
    log(`  ${b.name} ${b.size}: ${b.acceptedTracesPerSec} traces/s accepted, delivered ${b.deliveredPerSec}/s, p99 ${b.load.latencyMs.p99} ms, RSS peak ${b.peakRssMb} MB${statusNote(b)}`);
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
    ingestAlone: alone.result,
    e2e,
    peakRssMb: Math.max(sampler.peakMb, alone.peakRssMb),
    idleRssMb,
    processTree,
    profileDir: profileDir ? path.relative(ROOT, profileDir) : null,
  };
}

/** Answers of any status per second (acceptedPerSec counts 2xx only). */
export function requestsPerSec(r: LoadResult): number {
  return round((r.requests / r.wallMs) * 1000);
}

export function statusNote(r: E2EResult): string {
  // 202 (native) and 200 (OTLP) are the success answers.
  const other = Object.entries(r.load.statuses).filter(([s]) => s !== "202" && s !== "200");
  const notes = other.map(([s, n]) => `${n}× ${s}`);
  if (!r.complete) notes.push(`INCOMPLETE: ${r.deliveredObjects}/${r.expectedObjects} objects`);
  if (r.load.firstError) notes.push(`first error: ${r.load.firstError}`);
  return notes.length ? ` [${notes.join("; ")}]` : "";
}

/** The app with Broadcast off: every POST is authenticated, read, parsed and validated, nothing stored. */
async function runIngestAlone(kind: "pglite" | "postgres", dataDir: string, databaseUrl: string | null, s3: S3Server, payloads: Record<Size, Payload>, appDir: string, profileDir: string | null): Promise<{ result: E2EResult; peakRssMb: number }> {
  const offDir = `${dataDir}-off`;
  mkdirSync(offDir, { recursive: true });
  if (!OPTIONS.keepData) onCleanup(`remove ${offDir}`, () => rmSync(offDir, { recursive: true, force: true }));
  const setup = runSetup(offDir, databaseUrl, s3, `off-${kind}`, false);
  const app = await startApp({ appDir, dataDir: offDir, databaseUrl, s3, label: `${kind}, Broadcast off`, profileDir: profileDir && path.join(profileDir, "ingest-alone") });
  const sampler = new RssSampler(app.pid);
  sampler.start();
  try {
    const spec = { payload: payloads[4_000], mode: "closed", concurrency: OPTIONS.concurrency, expectNoObjects: true } as const;
    await endToEnd(app, s3, sampler, setup.apiKey, { ...spec, name: "warm-up", count: OPTIONS.warmup, idPrefix: `b-${kind}-off-warm` });
    const result = await endToEnd(app, s3, sampler, setup.apiKey, { ...spec, name: `ingest alone c=${OPTIONS.concurrency}`, count: OPTIONS.traces, idPrefix: `b-${kind}-off` });
    log(`[${kind}] ingest alone (Broadcast off) ${result.size}: ${result.load.acceptedPerSec} accepted/s, p99 ${result.load.latencyMs.p99} ms, ${result.cpuMsPerTrace} CPU ms a request${statusNote(result)}`);
    return { result, peakRssMb: sampler.peakMb };
  } finally {
    sampler.stop();
    await app.stop();
  }
}
