// The benchmark's constants, knobs (BENCH_* environment variables, see bench.ts) and targets, and the
// small helpers every part of it uses.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");
export const BUCKET = "bench";
export const S3_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
// A fixed key for the throw-away bench databases only (never a real install's key).
export const BENCH_ENCRYPTION_KEY = "62656e6368".padEnd(64, "0");
export const SIZES = [4_000, 40_000] as const;
export type Size = (typeof SIZES)[number];
export const sizeLabel = (size: number) => `${Math.round(size / 1000)} KB`;

export const env = process.env;
const int = (name: string, fallback: number) => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number; got "${raw}"`);
  return n;
};
export const OPTIONS = {
  traces: int("BENCH_TRACES", 5_000),
  tracesLarge: int("BENCH_TRACES_LARGE", 2_000),
  concurrency: int("BENCH_CONCURRENCY", 16),
  rate: int("BENCH_RATE", 500),
  rateTraces: int("BENCH_RATE_TRACES", 5_000),
  warmup: int("BENCH_WARMUP", 300),
  batch: int("BENCH_BATCH", 100),
  batchRequests: int("BENCH_BATCH_REQUESTS", 50),
  cpuProfile: env.BENCH_CPU_PROF === "1",
  keepData: env.BENCH_KEEP_DATA === "1",
  serverNodeFlags: (env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean),
  /** BROADCAST_S3_THREADS for the app (unset: the app's default), to compare PutObjects on and off the main thread. */
  s3Threads: env.BENCH_S3_THREADS?.trim() || undefined,
};
export const countFor = (size: Size) => (size === 4_000 ? OPTIONS.traces : OPTIONS.tracesLarge);

// Issue #13's targets (do not loosen them).
export const TARGETS = {
  deliveredVsBarePut: 0.9,
  /** Ingest alone (Broadcast off), one trace a request, ÷ bare node:http. */
  ingestAloneVsBareHttp: 0.25,
  /** Accepted traces/s in batches of 100 ÷ bare PutObject/s (4 KB): ingest never limits delivery. */
  batchTracesVsBarePut: 4,
  /** OTLP one span a request, accepted/s ÷ the native one-trace figure. */
  otlpVsNative: 0.8,
  p99AtRateMs: 50,
  peakRssMb: { pglite: 300, postgres: 250 },
  testConnectionMs: 1_000,
  previewPerKeystrokeMs: 5,
};

export const log = (line: string) => console.log(`[bench] ${line}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** BENCH_QUICK=1: only the once-per-run checks (Test Connection, path preview); no build, app or database. */
export const QUICK = env.BENCH_QUICK === "1";
