// End to end: POST until every accepted trace is an object in the bucket.
import type { App } from "./app-server";
import { round, sizeLabel, sleep } from "./config";
import { processCpuMs } from "./cpu-time";
import { closedLoop, openLoop, type LoadResult } from "./load";
import type { Payload } from "./payload";
import type { RssSampler } from "./rss";
import type { S3Counts, S3Server } from "./s3-process";

export type E2EResult = {
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
  /** The app process's CPU time (all threads) from the first POST until the last object landed, per accepted trace. */
  cpuMsPerTrace: number;
  /** Traces per request (1, or the batch size). */
  tracesPerRequest: number;
  /** Accepted traces ÷ load time (accepted/s × traces per request). */
  acceptedTracesPerSec: number;
  complete: boolean;
  s3Puts: number;
};

export async function endToEnd(
  app: App,
  s3: S3Server,
  sampler: RssSampler,
  apiKey: string,
  spec: {
    name: string; payload: Pick<Payload, "size" | "body">;
    /** Default /api/v1/traces. */
    path?: string; count: number; mode: "closed" | "open"; concurrency?: number; rate?: number; idPrefix: string;
    /** Traces per request (a `{ traces: [...] }` body); default 1. */
    batch?: number;
    /** Nothing is delivered (Broadcast off): measure the load alone. */
    expectNoObjects?: boolean;
  },
): Promise<E2EResult> {
  const batch = spec.batch ?? 1;
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
  const target = { origin: app.origin, path: spec.path ?? "/api/v1/traces", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" } };
  const makeBody =
    batch === 1
      ? (i: number) => spec.payload.body(`${spec.idPrefix}-${i}`)
      : (i: number) => `{"traces":[${Array.from({ length: batch }, (_, j) => spec.payload.body(`${spec.idPrefix}-${i}-${j}`)).join(",")}]}`;
  const cpu0 = processCpuMs(app.pid);
  const load =
    spec.mode === "closed"
      ? await closedLoop(target, makeBody, spec.count, spec.concurrency as number)
      : await openLoop(target, makeBody, spec.count, spec.rate as number);
  expected = spec.expectNoObjects ? 0 : load.accepted * batch;
  // Every accepted trace must land; a stuck backlog ends the wait after 3 minutes.
  const deadline = Date.now() + 180_000;
  while (last.keys - base.keys < expected && Date.now() < deadline && !pollError) await sleep(50);
  stopPolling = true;
  await poller;
  if (pollError) throw pollError;
  const delivered = last.keys - base.keys;
  const complete = spec.expectNoObjects ? delivered === 0 : delivered >= expected;
  const doneAt = complete ? (timeline.find((p) => p.keys >= expected)?.at ?? last.lastPutAt) : Date.now();
  const at = (fraction: number) => timeline.find((p) => p.keys >= expected * fraction);
  const p10 = at(0.1);
  const p90 = at(0.9);
  const steady = p10 && p90 && p90.at > p10.at ? ((p90.keys - p10.keys) / (p90.at - p10.at)) * 1000 : NaN;
  const totalMs = Math.max(1, doneAt - load.startedAtMs);
  const traces = load.accepted * batch;
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
    cpuMsPerTrace: round((processCpuMs(app.pid) - cpu0) / Math.max(1, traces), 3),
    tracesPerRequest: batch,
    acceptedTracesPerSec: round((traces / load.wallMs) * 1000),
    complete,
    s3Puts: last.puts - base.puts,
  };
}
