import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import type { S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter as HttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { RpcStatusType } from "@/lib/core/otlp/otlp-proto-schema";
import { enqueueTraces, isBacklogFull } from "@/lib/delivery/enqueue";
import type { DeliveryWorkers } from "@/lib/delivery/worker";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, listKeys, startTestWorkers, testTargets, waitFor } from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { handleOtlpTraces, type OtlpDeps } from "./handle-otlp-traces";

vi.mock("server-only", () => ({}));

// POST /v1/traces with real parts: the OpenTelemetry JS SDK's own exporters (protobuf and JSON)
// sending to the handler on a loopback HTTP server, a real database, the delivery workers and
// s3rver; DuckDB then reads the files the way Athena's JSON SerDe would.

const s3rver = inject("s3rver");
const PROMPT = "Secret prompt: the launch code is 0000";
const COMPLETION = "Secret completion: do not tell anyone";

/** An agent span wrapping a chat span, the GenAI conventions' usual shape. */
function genAiSpans(run: string): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": `svc-${run}` }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer("otlp-pipeline-test");
  const start = new Date();
  const agent = tracer.startSpan("invoke_agent support", { startTime: start, attributes: { "gen_ai.operation.name": "invoke_agent", "user.id": `user-${run}`, "trace.metadata.team": "support" } });
  const chat = tracer.startSpan("chat gpt-4o", {
    kind: SpanKind.CLIENT,
    startTime: new Date(start.getTime() + 5),
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 20,
      "gen_ai.request.temperature": 0,
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: PROMPT }] }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: COMPLETION }] }]),
    },
  }, trace.setSpan(context.active(), agent));
  chat.end(new Date(start.getTime() + 855));
  agent.end(new Date(start.getTime() + 900));
  return memory.getFinishedSpans();
}

const exportWith = (exporter: SpanExporter, spans: ReadableSpan[]) =>
  new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));

describe.each(testTargets())("OTLP pipeline ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;
  let server: Server;
  let baseUrl = "";
  let apiKey = "";
  let keyName = "";
  const prisma = () => database.prisma;

  const deps = (): OtlpDeps => ({
    parseBearer,
    authenticate: (raw) => authenticateApiKey(prisma(), raw),
    rateLimiter: new RateLimiter(0, 0),
    isBacklogFull: () => isBacklogFull(prisma(), 100_000),
    enqueue: (traces, ctx) => enqueueTraces(prisma(), traces, ctx),
    now: () => new Date(),
  });

  beforeAll(async () => {
    database = await openDatabase(target);
    bucket = createTestS3Client(s3rver);
    // The handler is a plain Request → Response function; this is all the serving it needs.
    server = createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: "half" } as RequestInit);
      void handleOtlpTraces(request, deps()).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    bucket?.destroy();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(prisma());
    await prisma().apiKey.deleteMany();
    await enableBroadcast(prisma());
    keyName = `otel-${randomUUID().slice(0, 6)}`;
    const created = await createApiKey(prisma(), keyName);
    if (!created.ok) throw new Error("could not create the API key");
    apiKey = created.key;
    workers = startTestWorkers(prisma(), s3rver.endpoint);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    delete process.env.OTEL_EXPORTER_OTLP_COMPRESSION;
  });

  it("the protobuf exporter, configured only by OTEL_EXPORTER_OTLP_* with gzip, lands mapped files; DuckDB reads them; Privacy Mode strips content", async () => {
    const open = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const hidden = await createTestDestination(prisma(), s3rver, { bucket: "traces-2", privacyMode: true });
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = baseUrl;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer%20${apiKey}`;
    process.env.OTEL_EXPORTER_OTLP_COMPRESSION = "gzip";
    const exporter = new ProtobufExporter();
    const run = randomUUID().slice(0, 8);
    const spans = genAiSpans(run);
    const traceId = spans[0]!.spanContext().traceId;
    expect(await exportWith(exporter, spans)).toMatchObject({ code: ExportResultCode.SUCCESS });
    await exporter.shutdown();

    const [openKey] = await waitFor(async () => {
      const keys = await listKeys(bucket, "traces", `${open.prefix}/`);
      return keys.length === 1 ? keys : null;
    });
    const day = new Date(Number(spans[0]!.startTime[0]) * 1000).toISOString().slice(0, 10);
    expect(openKey).toMatch(new RegExp(`^${open.prefix}/${day}/${traceId}-\\d{10}-[0-9a-f]{32}\\.json$`));
    const text = await getObjectText(bucket, "traces", openKey!);
    expect(text.endsWith("\n") && !text.trimEnd().includes("\n")).toBe(true);
    expect(JSON.parse(text)).toMatchObject({
      id: traceId,
      name: "invoke_agent support",
      userId: `user-${run}`,
      apiKeyName: keyName,
      metadata: { "service.name": `svc-${run}`, team: "support" },
      privacyMode: false,
      observations: [
        { type: "span", name: "invoke_agent support", parentId: null },
        { type: "generation", model: "gpt-4o", provider: "openai", latencyMs: 850, usage: { promptTokens: 10, completionTokens: 20, totalTokens: 30 }, attributes: { "gen_ai.request.temperature": 0 } },
      ],
    });
    expect(text).toContain(PROMPT);

    const dir = await mkdtemp(path.join(process.cwd(), ".tmp", "duckdb-otlp-"));
    try {
      await writeFile(path.join(dir, path.basename(openKey!)), text);
      const duck = await (await DuckDBInstance.create(":memory:")).connect();
      const rows = await duck.runAndReadAll(`
        WITH g AS (SELECT id, apiKeyName, unnest(observations) AS o FROM read_json('${dir}/*.json', format = 'newline_delimited'))
        SELECT id, apiKeyName, o.type AS type, o.model AS model, o.usage.promptTokens::INTEGER AS prompt FROM g ORDER BY o.startTime`);
      expect(rows.getRowObjectsJson()).toEqual([
        { id: traceId, apiKeyName: keyName, type: "span", model: null, prompt: null },
        { id: traceId, apiKeyName: keyName, type: "generation", model: "gpt-4o", prompt: 10 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const [hiddenKey] = await waitFor(async () => {
      const keys = await listKeys(bucket, "traces-2", `${hidden.prefix}/`);
      return keys.length === 1 ? keys : null;
    });
    const privateText = await getObjectText(bucket, "traces-2", hiddenKey!);
    expect(privateText).not.toContain("launch code");
    expect(privateText).not.toContain("do not tell");
    expect(JSON.parse(privateText)).toMatchObject({ privacyMode: true, observations: [{ input: null }, { input: null, output: null, usage: { totalTokens: 30 } }] });
  });

  it("the JSON exporter's export, retried, lands on the same key; a later request of the same trace gets its own file", async () => {
    const open = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const exporter = new HttpJsonExporter({ url: `${baseUrl}/v1/traces`, headers: { Authorization: `Bearer ${apiKey}` } });
    const spans = genAiSpans(randomUUID().slice(0, 8));
    const [chat, agent] = spans;
    expect(await exportWith(exporter, [chat!])).toMatchObject({ code: ExportResultCode.SUCCESS });
    expect(await exportWith(exporter, [chat!])).toMatchObject({ code: ExportResultCode.SUCCESS });
    expect(await exportWith(exporter, [agent!])).toMatchObject({ code: ExportResultCode.SUCCESS });
    await exporter.shutdown();

    const keys = await waitFor(async () => {
      const delivered = await prisma().delivery.count({ where: { status: "delivered" } });
      return delivered === 3 ? listKeys(bucket, "traces", `${open.prefix}/`) : null;
    });
    const traceId = chat!.spanContext().traceId;
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(path.basename(key)).toMatch(new RegExp(`^${traceId}-\\d{10}-[0-9a-f]{32}\\.json$`));
    const objectKeys = (await prisma().delivery.findMany({ orderBy: { createdAt: "asc" }, select: { objectKey: true } })).map((d) => d.objectKey);
    expect(objectKeys[0]).toBe(objectKeys[1]);
    expect(objectKeys[2]).not.toBe(objectKeys[0]);
  });

  it("over HTTP: gzip JSON, partial success, a malformed protobuf, a gzip bomb, no key", async () => {
    const open = await createTestDestination(prisma(), s3rver, { bucket: "traces" });
    const good = { traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", name: "chat", startTimeUnixNano: String(BigInt(Date.now()) * BigInt(1_000_000)) };
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [good, { ...good, spanId: "0000000000000000" }] }] }] };
    const post = (payload: BodyInit, headers: Record<string, string>) =>
      fetch(`${baseUrl}/v1/traces`, { method: "POST", body: payload, headers: { authorization: `Bearer ${apiKey}`, ...headers } });

    const partial = await post(gzipSync(JSON.stringify(body)), { "content-type": "application/json", "content-encoding": "gzip" });
    expect(partial.status).toBe(200);
    expect(await partial.json()).toEqual({ partialSuccess: { rejectedSpans: "1", errorMessage: expect.stringContaining("spanId") } });

    const malformed = await post(new Uint8Array([0x0a, 0x05, 0x12, 0xff]), { "content-type": "application/x-protobuf" });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/x-protobuf");
    expect(RpcStatusType.toObject(RpcStatusType.decode(new Uint8Array(await malformed.arrayBuffer())))).toMatchObject({ code: 3 });

    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const bomb = await post(Buffer.concat(Array.from({ length: 64 }, () => member)), { "content-type": "application/x-protobuf", "content-encoding": "gzip" });
    expect(bomb.status).toBe(413);

    const noKey = await fetch(`${baseUrl}/v1/traces`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(noKey.status).toBe(401);

    await waitFor(async () => (await listKeys(bucket, "traces", `${open.prefix}/`)).length === 1);
    expect(await prisma().trace.count()).toBe(1);
  });
});
