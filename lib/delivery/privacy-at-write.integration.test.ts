import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import { updateDestinationFlags } from "@/lib/destinations/destination-store";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { startFaultProxy, type FaultProxy } from "@/tests/faults/fault-proxy";
import {
  cleanDeliveryTables, countByStatus, createTestDestination, enableBroadcast, listKeys, startTestWorkers, testKeyring, testTargets, waitFor,
} from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { enqueueTraces } from "./enqueue";
import { replayDeadLetters, resumeDestination } from "./queue-store";
import type { DeliveryWorkerOptions, DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

// Privacy Mode is decided when the file is written, from the stricter of the flag when the trace was
// accepted and the destination's flag now: traces queued while a destination was unreachable, and
// dead letters replayed later, never carry content to a destination that is private by then.

const s3rver = inject("s3rver");
const CTX = { apiKeyName: "privacy-tests", apiKeyId: "privacy-tests-id", now: new Date() };

function markedEvents(marker: string, count: number): NormalizedEvent[] {
  const raw = Array.from({ length: count }, (_, i) => ({
    id: `event-${i}-${randomUUID().slice(0, 8)}`,
    created_at: new Date(CTX.now.getTime() - i * 1000).toISOString(),
    input: { messages: [{ role: "user", content: `prompt ${marker} #${i}` }] },
    output: { content: `completion ${marker} #${i}` },
    trace: { team: "kept as metadata" },
    usage: { prompt_tokens: 3, completion_tokens: 5 },
  }));
  const parsed = parseIngestBody({ traces: raw }, CTX.now);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.events;
}

describe.each(testTargets())("Privacy Mode at write time ($name)", ({ target }) => {
  let database: OpenDatabase;
  let proxy: FaultProxy;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;
  const prisma = () => database.prisma;

  beforeAll(async () => {
    database = await openDatabase(target);
    proxy = await startFaultProxy(s3rver.endpoint);
    bucket = createTestS3Client(s3rver);
  });
  afterAll(async () => {
    bucket?.destroy();
    await proxy?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(prisma());
    await enableBroadcast(prisma());
    proxy.setMode("pass");
    proxy.setRule(null);
    proxy.clearRequests();
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  const start = (opts: Partial<DeliveryWorkerOptions> = {}) => {
    workers = startTestWorkers(prisma(), proxy.endpoint, { concurrency: 8, attemptTimeoutMs: 1_000, retryPolicy: { baseMs: 50, capMs: 200 }, ...opts });
  };
  const destination = (opts: Parameters<typeof createTestDestination>[2] = {}) =>
    createTestDestination(prisma(), { ...s3rver, endpoint: proxy.endpoint }, opts);

  async function expectPrivateFiles(prefix: string, marker: string, count: number) {
    const keys = await listKeys(bucket, "traces", `${prefix}/`);
    expect(keys).toHaveLength(count);
    for (const key of keys) {
      const text = await getObjectText(bucket, "traces", key);
      expect(text).not.toContain(marker);
      expect(text).toContain('"privacyMode":true');
      expect(JSON.parse(text).observations.at(-1).usage).toEqual({ promptTokens: 3, completionTokens: 5, totalTokens: 8 });
    }
  }

  it("writes traces queued while the bucket was unreachable without content once Privacy Mode is on", async () => {
    const dest = await destination();
    const marker = `queued-${randomUUID().slice(0, 8)}`;
    // AccessDenied pauses the destination: the traces wait for Resume, as after a real outage.
    proxy.setMode("403");
    let running = 0;
    start({ onAttempt: (e) => void (running += e.phase === "start" ? 1 : -1) });
    await enqueueTraces(prisma(), markedEvents(marker, 20), CTX);
    // Paused, and the rows the worker had already claimed all tried and handed back: a write in
    // flight while the flag flips is decided before it, which is not what this test is about.
    await waitFor(
      async () => (running === 0 && (await prisma().destination.findUnique({ where: { id: dest.id } }))?.pausedAt ? true : null),
      { what: "the destination paused and no write in flight" },
    );
    expect(await countByStatus(prisma())).toEqual({ pending: 20 });

    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { privacyMode: true });
    proxy.setMode("pass");
    expect(await resumeDestination(prisma(), dest.id)).toBe(true);
    await waitFor(async () => ((await countByStatus(prisma())).delivered === 20 ? true : null), { what: "all 20 delivered" });
    await expectPrivateFiles(dest.prefix, marker, 20);
  });

  it("writes replayed dead letters without content when Privacy Mode was switched on meanwhile", async () => {
    const dest = await destination();
    const marker = `dead-${randomUUID().slice(0, 8)}`;
    proxy.setMode("503");
    start({ retryPolicy: { baseMs: 20, capMs: 50, horizonMs: 300 } });
    await enqueueTraces(prisma(), markedEvents(marker, 5), CTX);
    await waitFor(async () => ((await countByStatus(prisma())).dead === 5 ? true : null), { what: "five dead letters" });

    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { privacyMode: true });
    proxy.setMode("pass");
    expect(await replayDeadLetters(prisma(), dest.id)).toBe(5);
    await waitFor(async () => ((await countByStatus(prisma())).delivered === 5 ? true : null), { what: "five replayed and delivered" });
    await expectPrivateFiles(dest.prefix, marker, 5);
  });

  it("keeps Privacy Mode fixed at accept time when it is switched off before the write", async () => {
    const dest = await destination({ privacyMode: true });
    const marker = `then-${randomUUID().slice(0, 8)}`;
    await enqueueTraces(prisma(), markedEvents(marker, 3), CTX);
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { privacyMode: false });
    start();
    await waitFor(async () => ((await countByStatus(prisma())).delivered === 3 ? true : null), { what: "three delivered" });
    await expectPrivateFiles(dest.prefix, marker, 3);
  });

  it("stores a trace without content when every delivery is in Privacy Mode, and with it otherwise", async () => {
    const privateOnly = await destination({ privacyMode: true });
    const marker = `stored-${randomUUID().slice(0, 8)}`;
    await enqueueTraces(prisma(), markedEvents(marker, 2), CTX);
    const stored = await prisma().trace.findMany({ select: { event: true } });
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(JSON.stringify(row.event)).not.toContain(marker);
      expect(row.event).toMatchObject({ usage: { prompt_tokens: 3, completion_tokens: 5 } });
    }

    await destination();
    await prisma().trace.deleteMany();
    await enqueueTraces(prisma(), markedEvents(marker, 1), CTX);
    const [mixed] = await prisma().trace.findMany({ select: { event: true } });
    expect(JSON.stringify(mixed?.event)).toContain(marker);

    // Send Test Trace to the private destination alone also stores no content.
    await prisma().trace.deleteMany();
    await enqueueTraces(prisma(), markedEvents(marker, 1), { ...CTX, onlyDestinationId: privateOnly.id });
    const [only] = await prisma().trace.findMany({ select: { event: true } });
    expect(JSON.stringify(only?.event)).not.toContain(marker);
  });
});
