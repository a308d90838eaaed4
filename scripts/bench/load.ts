// Load generation for the benchmark: a closed loop (fixed concurrency, fixed count) and an open
// loop (fixed arrival rate, fixed count), both over undici keep-alive connections on loopback.

import { Pool } from "undici";

export type LoadTarget = { origin: string; path: string; headers: Record<string, string> };

export type LoadResult = {
  mode: "closed" | "open";
  requests: number;
  concurrency?: number;
  ratePerSec?: number;
  /** Response counts by HTTP status ("error" for transport failures). */
  statuses: Record<string, number>;
  accepted: number;
  /** Epoch ms of the first request and of the last response (aligns with the S3 server's clock). */
  startedAtMs: number;
  finishedAtMs: number;
  wallMs: number;
  acceptedPerSec: number;
  /** Per-request latency of the 2xx answers, from the moment the request was handed to the client. */
  latencyMs: Percentiles;
  /** Open loop only: how late the generator itself issued requests (its own event-loop lag). */
  scheduleLagMs?: Percentiles;
  firstError?: string;
};

export type Percentiles = { p50: number; p95: number; p99: number; max: number; mean: number; n: number };

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN, n: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(sorted[sorted.length - 1] as number), mean: r(sum / sorted.length), n: sorted.length };
}

class Recorder {
  readonly statuses: Record<string, number> = {};
  readonly latencies: number[] = [];
  accepted = 0;
  firstError: string | undefined;
  lastResponseAtMs = 0;

  async send(pool: Pool, target: LoadTarget, body: string): Promise<void> {
    const started = performance.now();
    try {
      const res = await pool.request({ method: "POST", path: target.path, headers: target.headers, body });
      const text = await res.body.text();
      const elapsed = performance.now() - started;
      this.statuses[res.statusCode] = (this.statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 200 && res.statusCode < 300) {
        this.accepted++;
        this.latencies.push(elapsed);
      } else this.firstError ??= `HTTP ${res.statusCode}: ${text.slice(0, 300)}`;
    } catch (error) {
      this.statuses.error = (this.statuses.error ?? 0) + 1;
      this.firstError ??= (error as Error).message;
    }
    this.lastResponseAtMs = Date.now();
  }
}

function finish(rec: Recorder, base: Omit<LoadResult, "statuses" | "accepted" | "finishedAtMs" | "wallMs" | "acceptedPerSec" | "latencyMs">): LoadResult {
  const finishedAtMs = rec.lastResponseAtMs || Date.now();
  const wallMs = Math.max(1, finishedAtMs - base.startedAtMs);
  return {
    ...base,
    statuses: rec.statuses,
    accepted: rec.accepted,
    finishedAtMs,
    wallMs,
    acceptedPerSec: Math.round((rec.accepted / wallMs) * 1000 * 10) / 10,
    latencyMs: percentiles(rec.latencies),
    ...(rec.firstError ? { firstError: rec.firstError } : {}),
  };
}

/** `count` requests, `concurrency` in flight at any time (each connection sends its next as soon as it is answered). */
export async function closedLoop(target: LoadTarget, makeBody: (i: number) => string, count: number, concurrency: number): Promise<LoadResult> {
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const rec = new Recorder();
  let next = 0;
  const startedAtMs = Date.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await rec.send(pool, target, makeBody(next++));
      }),
    );
  } finally {
    await pool.close();
  }
  return finish(rec, { mode: "closed", requests: count, concurrency, startedAtMs });
}

/**
 * `count` requests at a fixed arrival rate, whatever the answers: request i is issued at
 * start + i / rate, on as many connections as needed (up to maxConnections), so a slow server
 * shows as latency rather than as a lower rate.
 */
export async function openLoop(
  target: LoadTarget,
  makeBody: (i: number) => string,
  count: number,
  ratePerSec: number,
  maxConnections = 512,
): Promise<LoadResult> {
  const pool = new Pool(target.origin, { connections: maxConnections, pipelining: 1, keepAliveTimeout: 60_000 });
  const rec = new Recorder();
  const lags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const intervalMs = 1000 / ratePerSec;
  const startedAtMs = Date.now();
  const t0 = performance.now();
  try {
    let i = 0;
    while (i < count) {
      const now = performance.now();
      while (i < count && t0 + i * intervalMs <= now) {
        lags.push(now - (t0 + i * intervalMs));
        inFlight.push(rec.send(pool, target, makeBody(i)));
        i++;
      }
      if (i < count) {
        const wait = t0 + i * intervalMs - performance.now();
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return { ...finish(rec, { mode: "open", requests: count, ratePerSec, startedAtMs }), scheduleLagMs: percentiles(lags) };
}
