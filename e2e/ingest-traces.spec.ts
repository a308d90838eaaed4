import { expect, test } from "@playwright/test";
import { listKeys, readObject } from "./support/bucket";
import {
  addDestination, createApiKey, deleteDestinations, setBroadcast, uniqueSuffix, utcDate,
} from "./support/delivery-flows";
import { readE2eEnv } from "./support/env";

// From API key to bucket, the way a person sets it up: a key in the UI, two destinations on the e2e
// s3rver (one in Privacy Mode), Broadcast on, a trace POSTed with the key, then Send Test Trace.
// Assertions are on the bucket's real contents.

let created: string[] = [];

/** Keys under `prefix`, without the markers the connection test leaves. */
async function traceKeys(bucket: string, prefix: string): Promise<string[]> {
  return (await listKeys(bucket, `${prefix}/`)).filter((key) => !key.includes("broadcast-connection-test"));
}
let wasBroadcastOn: boolean | null = null;

test.beforeEach(() => {
  created = [];
  wasBroadcastOn = null;
});

test.afterEach(async ({ page }) => {
  await deleteDestinations(page, created);
  if (wasBroadcastOn === false) await setBroadcast(page, false);
});

test("a trace posted with an API key and a test trace land in the bucket, mapped, one JSON line each", async ({ page, request }) => {
  test.setTimeout(90_000);
  const { s3rver } = readE2eEnv();
  const run = uniqueSuffix();
  const keyName = `e2e-ingest-${run}`;
  const prefix = `e2e-ingest-${run}`;
  const privatePrefix = `e2e-private-${run}`;
  const prompt = `What is the secret number ${run}?`;
  const answer = `It is ${run}.`;

  const apiKey = await createApiKey(page, keyName);
  const open = { name: `Ingest ${run}`, prefix, pathTemplate: "{prefix}/{apiKeyName}/{date}" };
  created.push(open.name);
  await addDestination(page, open);
  const hidden = { name: `Private ${run}`, prefix: privatePrefix, bucket: s3rver.buckets.other, isPrivate: true };
  created.push(hidden.name);
  await addDestination(page, hidden);
  wasBroadcastOn = await setBroadcast(page, true);

  const createdAt = new Date();
  const eventId = `e2e-event-${run}`;
  const response = await request.post("/api/v1/traces", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      id: eventId,
      created_at: createdAt.toISOString(),
      model: "openai/gpt-4o-mini",
      provider: "OpenAI",
      input: { messages: [{ role: "user", content: prompt }] },
      output: { choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }] },
      usage: { prompt_tokens: 12, completion_tokens: 5 },
      cost: { total: 0.0001 },
      latency_ms: 420,
      finish_reason: "stop",
      user: "e2e-user",
      session_id: `e2e-session-${run}`,
      trace: { trace_name: "e2e ingest", env: "e2e" },
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  expect(await response.json()).toEqual({ accepted: 1, ids: [eventId] });

  // The file name ends in a hash of the API key's id and the event (docs/trace-format.md): both
  // destinations get the same name, and only this key can write it.
  const fileName = new RegExp(`^${eventId}-${Math.floor(createdAt.getTime() / 1000)}-[0-9a-f]{32}\\.json$`);

  // Send Test Trace goes through the same queue, to this destination only, and names the key.
  await page.goto("/settings/observability");
  const card = page.getByRole("article", { name: open.name });
  await card.getByRole("button", { name: "Send Test Trace" }).click();
  const outcome = card.getByRole("status").filter({ hasText: "Test trace delivered." });
  await expect(outcome).toBeVisible({ timeout: 15_000 });
  const testKey = (await outcome.locator("code").textContent()) ?? "";
  expect(testKey).toMatch(new RegExp(`^${prefix}/send-test-trace/${utcDate()}/broadcast-test-\\d+-\\d+-[0-9a-f]{32}\\.json$`));

  const traceFolder = `${prefix}/${keyName}/${utcDate(createdAt)}/`;
  await expect.poll(() => traceKeys(s3rver.buckets.traces, prefix), { timeout: 15_000 }).toHaveLength(2);
  const openKeys = await traceKeys(s3rver.buckets.traces, prefix);
  expect(openKeys).toContain(testKey);
  const traceKey = openKeys.find((key) => key !== testKey) ?? "";
  expect(traceKey.slice(0, traceFolder.length)).toBe(traceFolder);
  expect(traceKey.slice(traceFolder.length)).toMatch(fileName);
  await expect.poll(() => traceKeys(s3rver.buckets.other, privatePrefix), { timeout: 15_000 }).toEqual([
    `${privatePrefix}/${utcDate(createdAt)}/${traceKey.slice(traceFolder.length)}`,
  ]);
  const [privateKey = ""] = await traceKeys(s3rver.buckets.other, privatePrefix);

  const text = await readObject(s3rver.buckets.traces, traceKey);
  expect(text.endsWith("\n")).toBe(true);
  expect(text.trimEnd()).not.toContain("\n");
  const file = JSON.parse(text) as Record<string, unknown>;
  expect(file).toMatchObject({
    id: eventId,
    name: "e2e ingest",
    timestamp: createdAt.toISOString(),
    userId: "e2e-user",
    sessionId: `e2e-session-${run}`,
    apiKeyName: keyName,
    metadata: { env: "e2e" },
    privacyMode: false,
    observations: [
      {
        id: eventId,
        type: "generation",
        model: "openai/gpt-4o-mini",
        provider: "OpenAI",
        latencyMs: 420,
        usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
        cost: { total: 0.0001 },
        finishReason: "stop",
      },
    ],
  });
  expect(text).toContain(prompt);
  expect(text).toContain(answer);

  const testFile = JSON.parse(await readObject(s3rver.buckets.traces, testKey)) as Record<string, unknown>;
  expect(testFile).toMatchObject({ apiKeyName: "send-test-trace", name: "Broadcast test trace" });

  const privateText = await readObject(s3rver.buckets.other, privateKey);
  expect(privateText.trimEnd()).not.toContain("\n");
  expect(JSON.parse(privateText)).toMatchObject({ id: eventId, apiKeyName: keyName, privacyMode: true });
  expect(privateText).not.toContain(prompt);
  expect(privateText).not.toContain(answer);
});

test("Send Test Trace refuses while Broadcast is off or the destination is disabled, and writes nothing", async ({ page }) => {
  const { s3rver } = readE2eEnv();
  const run = uniqueSuffix();
  const prefix = `e2e-refuse-${run}`;
  const name = `Refuse ${run}`;
  created.push(name);
  const card = await addDestination(page, { name, prefix });

  wasBroadcastOn = await setBroadcast(page, false);
  await card.getByRole("button", { name: "Send Test Trace" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "Nothing was sent." })).toContainText("Broadcast is off");

  await setBroadcast(page, true);
  await card.getByRole("switch", { name: "Enabled" }).click();
  await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(card.getByRole("switch", { name: "Enabled" })).not.toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await card.getByRole("button", { name: "Send Test Trace" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "Nothing was sent." })).toContainText("This destination is disabled");

  expect(await traceKeys(s3rver.buckets.traces, prefix)).toEqual([]);
});
