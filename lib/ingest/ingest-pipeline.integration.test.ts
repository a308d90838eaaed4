import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { fnv1aHex } from "@/lib/core/object-keys/key-segment";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { enqueueTraces, isBacklogFull } from "@/lib/delivery/enqueue";
import type { DeliveryWorkers } from "@/lib/delivery/worker";
import { updateDestinationFlags } from "@/lib/destinations/destination-store";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, listKeys, startTestWorkers, testKeyring, testTargets, waitFor } from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { handleIngest, type IngestDeps } from "./handle-ingest";

vi.mock("server-only", () => ({}));

// The ingest pipeline with real parts: the route's handler, a real database, the delivery workers
// and a real S3 server; DuckDB then reads the written files the way Athena's JSON SerDe would.

const s3rver = inject("s3rver");
const PROMPT = "Secret prompt: the launch code is 0000";
const COMPLETION = "Secret completion: do not tell anyone";

function event(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    created_at: "2026-11-27T10:00:00Z",
    model: "openai/gpt-4o",
    provider: "OpenAI",
    input: { messages: [{ role: "user", content: PROMPT }], tools: [{ name: "lookup", arguments: { q: PROMPT } }] },
    output: { choices: [{ message: { role: "assistant", content: COMPLETION, tool_calls: [{ function: { arguments: COMPLETION } }] } }] },
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
    cost: { total: 0.00123, prompt: 0.0004, completion: 0.00083 },
    latency_ms: 850,
    finish_reason: "stop",
    user: "user-42",
    session_id: "sess-1",
    ...over,
  };
}

describe.each(testTargets())("ingest pipeline ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;
  let apiKey = "";
  let apiKeyId = "";
  const prisma = () => database.prisma;

  const deps = (): IngestDeps => ({
    parseBearer,
    authenticate: (raw) => authenticateApiKey(prisma(), raw),
    rateLimiter: new RateLimiter(0, 0),
    isBacklogFull: () => isBacklogFull(prisma(), 100_000),
    enqueue: (events, ctx) => enqueueTraces(prisma(), events, ctx),
    now: () => new Date("2026-11-28T00:00:00Z"),
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handleIngest(
      new Request("http://127.0.0.1/api/v1/traces", {
        method: "POST",
        body: typeof body === "string" ? body : JSON.stringify(body),
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
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
    const created = await createApiKey(prisma(), `pipeline/../prod ${randomUUID().slice(0, 6)}`);
    if (!created.ok) throw new Error("could not create the API key");
    apiKey = created.key;
    apiKeyId = created.apiKey.id;
    workers = startTestWorkers(prisma(), s3rver.endpoint);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  it("writes each event under its exact key with the mapped one-line JSON, and Privacy Mode strips content", async () => {
    const open = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const privateDest = await createTestDestination(prisma(), s3rver, { bucket: "traces-2", privacyMode: true });
    const run = randomUUID().slice(0, 8);
    const res = await post({
      traces: [
        event(`${run}-a`, { trace: { trace_id: `tr-${run}`, trace_name: "support-chat", span_name: "answer", generation_name: "call-1", team: "support", tier: 2 } }),
        event(`${run}-b`, { trace: { trace_id: `tr-${run}`, generation_name: "call-2", team: "support" } }),
        event(`${run}-c`),
      ],
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 3, ids: [`${run}-a`, `${run}-b`, `${run}-c`] });

    const openKeys = await waitFor(async () => {
      const keys = await listKeys(bucket, "traces", `${open.prefix}/`);
      return keys.length === 3 ? keys : null;
    });
    // Both generations of one trace in the same second get their own key; dates are the event's UTC day.
    expect(openKeys.sort()).toEqual([
      expect.stringMatching(new RegExp(`^${open.prefix}/2026-11-27/${run}-c-1795773600-[0-9a-f]{32}\\.json$`)),
      expect.stringMatching(new RegExp(`^${open.prefix}/2026-11-27/tr-${run}-1795773600-[0-9a-f]{32}\\.json$`)),
      expect.stringMatching(new RegExp(`^${open.prefix}/2026-11-27/tr-${run}-1795773600-[0-9a-f]{32}\\.json$`)),
    ].sort((a, b) => String(a).localeCompare(String(b))) as never);

    const texts = await Promise.all(openKeys.map((k) => getObjectText(bucket, "traces", k)));
    for (const text of texts) {
      expect(text.endsWith("\n")).toBe(true);
      expect(text.trimEnd().includes("\n")).toBe(false);
    }
    const files = texts.map((t) => JSON.parse(t));
    const withSpan = files.find((f) => f.observations.length === 2);
    expect(withSpan).toMatchObject({
      schemaVersion: 1,
      id: `tr-${run}`,
      name: "support-chat",
      timestamp: "2026-11-27T10:00:00.000Z",
      userId: "user-42",
      sessionId: "sess-1",
      metadata: { team: "support", tier: 2 },
      privacyMode: false,
    });
    expect(withSpan.apiKeyName).toMatch(/^pipeline/);
    expect(withSpan.observations[0]).toMatchObject({ type: "span", name: "answer", parentId: null });
    expect(withSpan.observations[1]).toMatchObject({ type: "generation", name: "call-1", parentId: withSpan.observations[0].id, model: "openai/gpt-4o" });

    const privateKeys = await waitFor(async () => {
      const keys = await listKeys(bucket, "traces-2", `${privateDest.prefix}/`);
      return keys.length === 3 ? keys : null;
    });
    for (const key of privateKeys) {
      const text = await getObjectText(bucket, "traces-2", key);
      expect(text).not.toContain("Secret prompt");
      expect(text).not.toContain("Secret completion");
      expect(JSON.parse(text)).toMatchObject({ privacyMode: true, observations: expect.any(Array) });
      expect(JSON.parse(text).observations.at(-1).usage).toEqual({ promptTokens: 10, completionTokens: 20, totalTokens: 30 });
    }
  });

  it("gives two API keys sending the same id and created_at two files, and ids whose safe forms collide two files", async () => {
    const dest = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const other = await createApiKey(prisma(), `pipeline-other ${randomUUID().slice(0, 6)}`);
    if (!other.ok) throw new Error("could not create the second API key");
    const run = randomUUID().slice(0, 8);
    const shared = event(`${run}-shared`, { input: { messages: [{ role: "user", content: "from key A" }] } });
    expect((await post(shared)).status).toBe(202);
    const fromB = { ...shared, input: { messages: [{ role: "user", content: "from key B" }] } };
    expect((await post(fromB, { authorization: `Bearer ${other.key}` })).status).toBe(202);
    // "a/b" is made safe as "a-b-" + its 32-bit FNV hash; an id spelled like that result is left as it is.
    expect((await post({ traces: [event(`${run}/b`), event(`${run}-b-${fnv1aHex(`${run}/b`)}`)] })).status).toBe(202);

    const keys = await waitFor(async () => {
      const k = await listKeys(bucket, "traces", `${dest.prefix}/`);
      return k.length === 4 ? k : null;
    });
    const texts = await Promise.all(keys.map((k) => getObjectText(bucket, "traces", k)));
    expect(texts.filter((t) => t.includes("from key A"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("from key B"))).toHaveLength(1);
    expect(new Set(texts.map((t) => JSON.parse(t).id))).toEqual(new Set([`${run}-shared`, `${run}/b`, `${run}-b-${fnv1aHex(`${run}/b`)}`]));

    // The same event from the same key again lands on its own key: still four objects.
    expect((await post(shared)).status).toBe(202);
    await waitFor(async () => ((await prisma().delivery.count({ where: { status: "pending" } })) === 0 ? true : null));
    expect((await listKeys(bucket, "traces", `${dest.prefix}/`)).sort()).toEqual(keys.sort());
  });

  it("writes nothing while Broadcast is off or for a disabled destination", async () => {
    const dest = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    await enableBroadcast(prisma(), false);
    expect((await post(event(`off-${randomUUID()}`))).status).toBe(202);
    await enableBroadcast(prisma());
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { enabled: false });
    expect((await post(event(`disabled-${randomUUID()}`))).status).toBe(202);
    // Stored (or not) before the 202: no delivery row means no worker can ever write an object.
    expect(await prisma().delivery.count()).toBe(0);
    expect(await listKeys(bucket, "traces", `${dest.prefix}/`)).toEqual([]);
  });

  it("answers every bad request with its 4xx and a JSON error, and stores nothing", async () => {
    await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const deep = JSON.parse("[".repeat(100) + "]".repeat(100));
    const cases: [string, Response, number, string][] = [
      ["invalid JSON", await post("{nope"), 400, "invalid_json"],
      ["wrong types", await post(event("x", { usage: { prompt_tokens: "ten" } })), 400, "invalid_body"],
      ["missing fields", await post({ model: "m" }), 400, "invalid_body"],
      ["101 events", await post({ traces: Array.from({ length: 101 }, (_, i) => event(`e${i}`)) }), 400, "invalid_body"],
      ["1 MiB + 1 byte", await post("x".repeat(1024 * 1024 + 1)), 413, "body_too_large"],
      ["deep nesting", await post(event("deep", { input: deep })), 400, "invalid_body"],
      ["huge string", await post(event("huge", { output: "y".repeat(300 * 1024) })), 400, "invalid_body"],
      ["wrong content type", await post(event("ct"), { "content-type": "text/plain" }), 415, "unsupported_media_type"],
      ["no key", await post(event("nokey"), { authorization: "" }), 401, "missing_api_key"],
    ];
    await revokeApiKey(prisma(), apiKeyId);
    cases.push(["revoked key", await post(event("revoked")), 401, "invalid_api_key"]);
    for (const [name, res, status, code] of cases) {
      expect({ name, status: res.status }).toEqual({ name, status });
      expect({ name, code: (await res.json()).error.code }).toEqual({ name, code });
    }
    expect(await prisma().trace.count()).toBe(0);
  });

  it("produces files DuckDB reads with format='newline_delimited': ids, names, metadata and token sums", async () => {
    const dest = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const run = randomUUID().slice(0, 8);
    const events = Array.from({ length: 6 }, (_, i) =>
      event(`${run}-${i}`, {
        model: i % 2 ? "model-odd" : "model-even",
        usage: { prompt_tokens: 10 + i, completion_tokens: i },
        trace: { trace_name: `name-${i}`, team: i % 2 ? "odd" : "even" },
      }),
    );
    expect((await post({ traces: events })).status).toBe(202);
    const keys = await waitFor(async () => {
      const k = await listKeys(bucket, "traces", `${dest.prefix}/`);
      return k.length === 6 ? k : null;
    });
    const dir = await mkdtemp(path.join(process.cwd(), ".tmp", "duckdb-"));
    try {
      await mkdir(dir, { recursive: true });
      for (const key of keys) await writeFile(path.join(dir, path.basename(key)), await getObjectText(bucket, "traces", key));
      const duck = await (await DuckDBInstance.create(":memory:")).connect();
      const rows = await duck.runAndReadAll(`
        WITH g AS (SELECT id, name, metadata, unnest(observations) AS o
                   FROM read_json('${dir}/*.json', format = 'newline_delimited'))
        SELECT o.model AS model, count(*)::INTEGER AS n, sum(o.usage.promptTokens)::INTEGER AS prompt,
               sum(o.usage.completionTokens)::INTEGER AS completion, string_agg(DISTINCT metadata.team, ',') AS team,
               string_agg(name, ',' ORDER BY name) AS names
        FROM g WHERE o.type = 'generation' GROUP BY 1 ORDER BY 1`);
      expect(rows.getRowObjectsJson()).toEqual([
        { model: "model-even", n: 3, prompt: 10 + 12 + 14, completion: 0 + 2 + 4, team: "even", names: "name-0,name-2,name-4" },
        { model: "model-odd", n: 3, prompt: 11 + 13 + 15, completion: 1 + 3 + 5, team: "odd", names: "name-1,name-3,name-5" },
      ]);
      const ids = await duck.runAndReadAll(`SELECT id FROM read_json('${dir}/*.json', format = 'newline_delimited') ORDER BY id`);
      expect(ids.getRowObjectsJson().map((r) => r.id)).toEqual(events.map((e) => e.id).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
