// End to end: POST until every accepted trace is an object in the bucket.
import type { App } from "./app-server";
import { round, sizeLabel, sleep } from "./config";
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
  complete: boolean;
  s3Puts: number;
};

export async function endToEnd(
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
