import { gunzipSync } from "node:zlib";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { createTestS3Client } from "../tests/s3/s3-test-client";
import { listKeys } from "./support/bucket";
import { addDestination, createApiKey, deleteDestinations, destinationCard, setBroadcast, uniqueSuffix, utcDate } from "./support/delivery-flows";
import { readE2eEnv } from "./support/env";

// A person switches a destination to batched files: the generated Athena table follows the template
// as it is typed, and after the (shortest) window closes one gzipped NDJSON file holds the traces.

let created: string[] = [];
let wasBroadcastOn: boolean | null = null;

test.afterEach(async ({ page }) => {
  await deleteDestinations(page, created);
  if (wasBroadcastOn === false) await setBroadcast(page, false);
  created = [];
  wasBroadcastOn = null;
});

test("switching to Batched writes one .json.gz file per window, and the queries follow the template", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { s3rver } = readE2eEnv();
  const run = uniqueSuffix();
  const name = `Batched ${run}`;
  const prefix = `e2e-batched-${run}`;
  const apiKey = await createApiKey(page, `e2e-batched-${run}`);
  created.push(name);
  await addDestination(page, { name, prefix, pathTemplate: "{prefix}/{date}" });
  wasBroadcastOn = await setBroadcast(page, true);

  await destinationCard(page, name).getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("region", { name: `Edit ${name}` });
  const ddl = editor.getByLabel("Athena table", { exact: true });
  const duckdb = editor.getByLabel("DuckDB query", { exact: true });
  await expect(ddl).toContainText(`LOCATION 's3://${s3rver.buckets.traces}/${prefix}/'`);
  await expect(duckdb).toContainText(`${prefix}/*/*.json'`);

  await editor.getByRole("radio", { name: "Batched" }).click();
  await editor.getByLabel("Window (seconds)").fill("10");
  await expect(editor.getByRole("switch", { name: "Gzip" })).toHaveAttribute("aria-checked", "true");
  await expect(duckdb).toContainText(`${prefix}/*/*.json.gz'`);

  await editor.getByLabel("Path Template").fill("{prefix}/dt={date}");
  await expect(ddl).toContainText(`'storage.location.template' = 's3://${s3rver.buckets.traces}/${prefix}/dt=\${dt}/'`);
  await expect(duckdb).toContainText("hive_partitioning = true");

  await editor.getByRole("button", { name: "Test Connection" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Connection OK" })).toBeVisible();
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toHaveCount(0);

  const ids = [0, 1, 2].map((i) => `e2e-batched-${run}-${i}`);
  const response = await request.post("/api/v1/traces", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: { traces: ids.map((id) => ({ id, created_at: new Date().toISOString(), model: "openai/gpt-4o-mini", input: { prompt: "hi" }, output: { content: "hello" } })) },
  });
  expect(response.status(), await response.text()).toBe(202);

  const batchKey = new RegExp(`^${prefix}/dt=${utcDate()}/\\d{10}-[0-9a-f-]{36}\\.json\\.gz$`);
  const files = async () => (await listKeys(s3rver.buckets.traces, `${prefix}/`)).filter((key) => batchKey.test(key));
  await expect.poll(files, { timeout: 45_000, intervals: [1_000] }).toHaveLength(1);
  const [key] = await files();

  const client = createTestS3Client(s3rver);
  const answer = await client.send(new GetObjectCommand({ Bucket: s3rver.buckets.traces, Key: key }));
  const lines = gunzipSync(Buffer.from(await answer.Body!.transformToByteArray())).toString("utf8").trim().split("\n");
  client.destroy();
  expect(lines.map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual(ids);
});
