import { createHash, randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { enqueueTraces, isBacklogFull } from "@/lib/delivery/enqueue";
import type { DeliveryWorkers } from "@/lib/delivery/worker";
import { handleIngest, type IngestDeps } from "@/lib/ingest/handle-ingest";
import { handleOtlpTraces } from "@/lib/ingest/otlp/handle-otlp-traces";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import type { FilterRules } from "@/lib/core/routing/routing-schema";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, listKeys, startTestWorkers, testTargets, waitFor } from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";

vi.mock("server-only", () => ({}));

// Routing end to end: traces posted to the ingest handler, three destinations with different rules,
// real workers and s3rver. The expected sets are computed here from the events' own values (and the
// documented sampling hash), not with the routing code under test.

const s3rver = inject("s3rver");
const TOTAL = 1_000;
const CREATED_AT = "2026-11-30T10:00:00Z";

type Sent = { id: string; key: "a" | "b"; model: string; env: string; cost: number; secret: boolean };

function samplingPosition(traceId: string): number {
  const digest = createHash("sha256").update(traceId, "utf8").digest();
  // The first 53 bits as an integer in [0, 2^53), over 2^53 (docs/routing.md).
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4) >>> 11;
  return (high * 2 ** 21 + low) / 2 ** 53;
}

const gptInProdOrExpensive: FilterRules = {
  logic: "or",
  groups: [
    { logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }, { field: "metadata.env", operator: "equals", value: "prod" }] },
    { logic: "and", rules: [{ field: "total_cost", operator: "gt", value: 0.01 }] },
  ],
};
const mentionsSecret: FilterRules = { logic: "and", groups: [{ logic: "and", rules: [{ field: "input", operator: "contains", value: "project-x" }] }] };

describe.each(testTargets())("routing at ingest ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;
  const keys = { a: { raw: "", id: "" }, b: { raw: "", id: "" } };
  const prisma = () => database.prisma;

  const deps = (): IngestDeps => ({
    parseBearer,
    authenticate: (raw) => authenticateApiKey(prisma(), raw),
    rateLimiter: new RateLimiter(0, 0),
    isBacklogFull: () => isBacklogFull(prisma(), 1_000_000),
    enqueue: (events, ctx) => enqueueTraces(prisma(), events, ctx),
    now: () => new Date(),
  });
  const post = (raw: string, traces: unknown[]) =>
    handleIngest(
      new Request("http://127.0.0.1/api/v1/traces", {
        method: "POST",
        body: JSON.stringify({ traces }),
        headers: { authorization: `Bearer ${raw}`, "content-type": "application/json" },
      }),
      deps(),
    );

  beforeAll(async () => {
    database = await openDatabase(target);
    bucket = createTestS3Client(s3rver);
  });
  afterAll(async () => {
    bucket?.destroy();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(prisma());
    await prisma().apiKey.deleteMany();
    await enableBroadcast(prisma());
    for (const name of ["a", "b"] as const) {
      const created = await createApiKey(prisma(), `routing-${name}-${randomUUID().slice(0, 6)}`);
      if (!created.ok) throw new Error("could not create the API key");
      keys[name] = { raw: created.key, id: created.apiKey.id };
    }
    workers = startTestWorkers(prisma(), s3rver.endpoint, { concurrency: 8 });
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  it(`sends each of ${TOTAL} traces to exactly the destinations whose rules select it`, { timeout: 120_000 }, async () => {
    const sampled = await createTestDestination(prisma(), s3rver, { bucket: "traces", routing: { samplingRate: 0.25 } });
    const filtered = await createTestDestination(prisma(), s3rver, { bucket: "traces-2", routing: { filterRules: gptInProdOrExpensive } });
    // Privacy Mode: the rule on input still sees the prompt, the file does not.
    const keyA = await createTestDestination(prisma(), s3rver, {
      bucket: "traces-3",
      privacyMode: true,
      routing: { apiKeyIds: [keys.a.id], filterRules: mentionsSecret },
    });

    const run = randomUUID().slice(0, 8);
    const sent: Sent[] = Array.from({ length: TOTAL }, (_, i) => ({
      id: `${run}-${String(i).padStart(4, "0")}`,
      key: i % 2 === 0 ? "a" : "b",
      model: i % 3 === 0 ? "anthropic/claude-3.5" : "openai/gpt-4o",
      env: i % 5 < 2 ? "prod" : "dev",
      cost: i % 7 === 0 ? 0.02 : 0.001,
      secret: i % 4 < 2,
    }));
    for (let from = 0; from < TOTAL; from += 100) {
      for (const key of ["a", "b"] as const) {
        const batch = sent.slice(from, from + 100).filter((s) => s.key === key);
        const res = await post(
          keys[key].raw,
          batch.map((s) => ({
            id: s.id,
            created_at: CREATED_AT,
            model: s.model,
            input: { messages: [{ role: "user", content: s.secret ? "about project-x" : "hello" }] },
            output: { content: "ok" },
            cost: { total: s.cost },
            trace: { env: s.env },
          })),
        );
        expect(res.status).toBe(202);
      }
    }

    const expected = {
      [sampled.prefix]: sent.filter((s) => samplingPosition(s.id) < 0.25),
      [filtered.prefix]: sent.filter((s) => (s.model.includes("gpt") && s.env === "prod") || s.cost > 0.01),
      [keyA.prefix]: sent.filter((s) => s.key === "a" && s.secret),
    };
    // Sanity of the fixture itself: each rule keeps some traces and drops others.
    for (const list of Object.values(expected)) expect(list.length).toBeGreaterThan(50);
    for (const list of Object.values(expected)) expect(list.length).toBeLessThan(TOTAL);

    for (const [dest, bucketName] of [[sampled, "traces"], [filtered, "traces-2"], [keyA, "traces-3"]] as const) {
      const want = (expected[dest.prefix] ?? []).map((s) => s.id).sort();
      expect(await prisma().delivery.count({ where: { destinationId: dest.id } })).toBe(want.length);
      const written = await waitFor(
        async () => {
          const listed = await listKeys(bucket, bucketName, `${dest.prefix}/`);
          return listed.length >= want.length ? listed : null;
        },
        { timeoutMs: 90_000, what: `${want.length} files in ${bucketName}` },
      );
      const ids = written.map((key) => new RegExp(`/(${run}-\\d{4})-`).exec(key)?.[1]).sort();
      expect(ids).toEqual(want);
      if (dest === keyA) expect(await getObjectText(bucket, bucketName, written[0] as string)).not.toContain("project-x");
    }
    // Traces no destination selected were not stored at all.
    const anywhere = new Set(Object.values(expected).flat().map((s) => s.id));
    expect(await prisma().trace.count()).toBe(anywhere.size);
  });

  it("sends nothing from a key that is not listed, and nothing at all to an empty list", async () => {
    const onlyA = await createTestDestination(prisma(), s3rver, { bucket: "traces", routing: { apiKeyIds: [keys.a.id] } });
    const none = await createTestDestination(prisma(), s3rver, { bucket: "traces-2", routing: { apiKeyIds: [] } });
    const run = randomUUID().slice(0, 8);
    expect((await post(keys.b.raw, [{ id: `${run}-b`, created_at: CREATED_AT, model: "m" }])).status).toBe(202);
    expect((await post(keys.a.raw, [{ id: `${run}-a`, created_at: CREATED_AT, model: "m" }])).status).toBe(202);
    const rows = await prisma().delivery.findMany({ select: { destinationId: true, trace: { select: { event: true } } } });
    expect(rows.map((r) => [r.destinationId, (r.trace.event as { id: string }).id])).toEqual([[onlyA.id, `${run}-a`]]);
    expect(none.id).not.toBe(onlyA.id);
    const written = await waitFor(async () => {
      const listed = await listKeys(bucket, "traces", `${onlyA.prefix}/`);
      return listed.length > 0 ? listed : null;
    });
    expect(written).toEqual([expect.stringContaining(`/${run}-a-`)]);
  });

  it("routes OpenTelemetry traces with the same rules: every span of a trace in or out together", { timeout: 60_000 }, async () => {
    const sampled = await createTestDestination(prisma(), s3rver, { bucket: "traces", routing: { samplingRate: 0.5 } });
    const gpt = await createTestDestination(prisma(), s3rver, {
      bucket: "traces-2",
      routing: { filterRules: { logic: "and", groups: [{ logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }] }] } },
    });
    const onlyB = await createTestDestination(prisma(), s3rver, { bucket: "traces-3", routing: { apiKeyIds: [keys.b.id] } });
    const traceIds = Array.from({ length: 40 }, (_, i) => createHash("md5").update(`${randomUUID()}-${i}`).digest("hex"));
    const model = (i: number) => (i % 2 === 0 ? "gpt-4o" : "claude-3-5-sonnet");
    const span = (traceId: string, i: number, n: number) => ({
      traceId,
      spanId: createHash("md5").update(`${traceId}-${n}`).digest("hex").slice(0, 16),
      name: `chat ${model(i)}`,
      startTimeUnixNano: String(BigInt(Date.parse(CREATED_AT)) * 1_000_000n + BigInt(n)),
      endTimeUnixNano: String(BigInt(Date.parse(CREATED_AT)) * 1_000_000n + 1_000_000n),
      attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
        { key: "gen_ai.request.model", value: { stringValue: model(i) } },
      ],
    });
    // Two generations per trace, so "in or out together" is visible in the files.
    const spans = traceIds.flatMap((traceId, i) => [span(traceId, i, 0), span(traceId, i, 1)]);
    const res = await handleOtlpTraces(
      new Request("http://127.0.0.1/v1/traces", {
        method: "POST",
        body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }),
        headers: { authorization: `Bearer ${keys.a.raw}`, "content-type": "application/json" },
      }),
      { ...deps(), enqueue: (traces, ctx) => enqueueTraces(prisma(), traces, ctx) },
    );
    expect(res.status).toBe(200);

    const want = {
      [sampled.id]: traceIds.filter((id) => samplingPosition(id) < 0.5),
      [gpt.id]: traceIds.filter((_, i) => model(i).includes("gpt")),
      [onlyB.id]: [],
    };
    for (const [destinationId, ids] of Object.entries(want)) {
      expect(await prisma().delivery.count({ where: { destinationId } }), destinationId).toBe(ids.length);
    }
    const written = await waitFor(async () => {
      const listed = await listKeys(bucket, "traces-2", `${gpt.prefix}/`);
      return listed.length >= (want[gpt.id]?.length ?? 0) ? listed : null;
    });
    expect(written.map((key) => /\/([0-9a-f]{32})-/.exec(key)?.[1]).sort()).toEqual([...(want[gpt.id] ?? [])].sort());
    const file = JSON.parse(await getObjectText(bucket, "traces-2", written[0] as string));
    expect(file.observations.filter((o: { type: string }) => o.type === "generation")).toHaveLength(2);
  });
});
