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
// BENCH_QUICK=1 runs only the Test Connection and preview checks against a fresh s3rver (seconds, no
// build, no app, no database, no results file): a smoke test of the harness itself.
//
// Modules: config (knobs, targets), processes (cleanup), build, s3-process, payload, ceilings,
// quick-checks, app-server, end-to-end, section (one database), report (verdicts, tables), results-file.
import { rmSync } from "node:fs";
import path from "node:path";
import { ensureBuild, snapshotBuild } from "./build";
import { BUCKET, env, log, OPTIONS, QUICK, ROOT, round, sizeLabel, TARGETS, type Size } from "./config";
import { buildPayload, type Payload } from "./payload";
import { cleanupAll, interrupted, onCleanup } from "./processes";
import { benchPreview, benchTestConnection } from "./quick-checks";
import { printReport, verdicts, type Verdict } from "./report";
import { machine, writeResults } from "./results-file";
import { startS3 } from "./s3-process";
import { runSection, type Section } from "./section";

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
  const build = QUICK ? null : await ensureBuild();
  const appDir = QUICK ? "" : await snapshotBuild(stamp);
  if (!QUICK) {
    if (!OPTIONS.keepData) onCleanup(`remove ${appDir}`, () => rmSync(appDir, { recursive: true, force: true }));
    log(`serving a private copy of the build from ${path.relative(ROOT, appDir)} (others may rebuild .next meanwhile)`);
  }

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
  if (!QUICK) sections.push(await runSection("pglite", s3, payloads, stamp, appDir));
  if (databaseUrl && !QUICK) sections.push(await runSection("postgres", s3, payloads, stamp, appDir));

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

  printReport(results);

  if (QUICK) {
    log("quick run (BENCH_QUICK=1): no results file written");
    return 0;
  }
  writeResults(stamp, results);
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
