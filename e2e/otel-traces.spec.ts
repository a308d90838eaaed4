import { SpanKind } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { expect, test } from "@playwright/test";
import { readObject } from "./support/bucket";
import {
  addDestination, createApiKey, deleteDestinations, destinationCard, setBroadcast, SETTINGS_PAGE, uniqueSuffix, utcDate,
} from "./support/delivery-flows";
import { readE2eEnv } from "./support/env";

// OpenTelemetry the way a person sets it up: read the API Keys page's help, create a key, add a
// destination, then point the OpenTelemetry SDK's protobuf exporter at this server with the key
// and watch the trace show up in the destination's recent deliveries and in the bucket.

let created: string[] = [];
let wasBroadcastOn: boolean | null = null;

test.beforeEach(() => {
  created = [];
  wasBroadcastOn = null;
});

test.afterEach(async ({ page }) => {
  await deleteDestinations(page, created);
  if (wasBroadcastOn === false) await setBroadcast(page, false);
});

test("the API Keys page shows how to send OpenTelemetry traces to this server", async ({ page }) => {
  await page.goto("/settings/api-keys");
  const help = page.getByRole("region", { name: "How to send traces" });
  await expect(help.getByRole("heading", { name: "How to send OpenTelemetry traces" })).toBeVisible();
  const settings = help.getByLabel("OpenTelemetry exporter settings");
  await expect(settings).toContainText(`OTEL_EXPORTER_OTLP_ENDPOINT=${readE2eEnv().baseURL}`);
  await expect(settings).toContainText("OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20brd_");
});

test("a GenAI span exported by the OpenTelemetry SDK appears in the destination's recent deliveries", async ({ page }) => {
  test.setTimeout(90_000);
  const { s3rver, baseURL } = readE2eEnv();
  const run = uniqueSuffix();
  const keyName = `e2e-otel-${run}`;
  const prefix = `e2e-otel-${run}`;
  const apiKey = await createApiKey(page, keyName);
  const name = `OTel ${run}`;
  created.push(name);
  await addDestination(page, { name, prefix });
  wasBroadcastOn = await setBroadcast(page, true);

  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": `e2e-${run}` }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const started = new Date();
  const span = provider.getTracer("e2e").startSpan("chat gpt-4o-mini", {
    kind: SpanKind.CLIENT,
    startTime: started,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 5,
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: `Question ${run}` }] }]),
    },
  });
  span.end(new Date(started.getTime() + 420));
  // Configured the way applications are: the standard variables only, gzip included.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = baseURL;
  process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer%20${apiKey}`;
  process.env.OTEL_EXPORTER_OTLP_COMPRESSION = "gzip";
  const exporter = new OTLPTraceExporter();
  for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_COMPRESSION"]) delete process.env[name];
  const result = await new Promise<ExportResult>((resolve) => exporter.export(memory.getFinishedSpans(), resolve));
  await exporter.shutdown();
  expect(result.error?.message ?? "").toBe("");
  expect(result.code).toBe(ExportResultCode.SUCCESS);

  const traceId = span.spanContext().traceId;
  await page.goto(SETTINGS_PAGE);
  const card = destinationCard(page, name);
  await expect(card.getByText("Recent deliveries (1)")).toBeVisible({ timeout: 15_000 });
  await card.getByText("Recent deliveries (1)").click();
  const row = card.getByRole("row").filter({ hasText: `${prefix}/${utcDate(started)}/${traceId}-` });
  await expect(row).toHaveCount(1);
  const key = (await row.getByRole("cell").first().textContent()) ?? "";

  const file = JSON.parse(await readObject(s3rver.buckets.traces, key)) as Record<string, unknown>;
  expect(file).toMatchObject({
    id: traceId,
    apiKeyName: keyName,
    metadata: { "service.name": `e2e-${run}` },
    observations: [{ type: "generation", model: "gpt-4o-mini", latencyMs: 420, usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 } }],
  });
});
