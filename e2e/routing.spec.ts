import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { listKeys } from "./support/bucket";
import { readE2eEnv } from "./support/env";
import { addDestination, createApiKey, deleteDestinations, destinationCard, setBroadcast, uniqueSuffix } from "./support/delivery-flows";

// Routing as a person sets it up: 50 % sampling and "model contains gpt" in the form, Try rules on
// the sample trace, Save, then traces posted with a key; the bucket holds exactly the selected ones.
// The expected set is computed here from the documented sampling hash, not with the app's code.

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

/** docs/routing.md: the first 53 bits of SHA-256(trace id) / 2^53. */
function samplingPosition(traceId: string): number {
  const digest = createHash("sha256").update(traceId, "utf8").digest();
  return (digest.readUInt32BE(0) * 2 ** 21 + (digest.readUInt32BE(4) >>> 11)) / 2 ** 53;
}

async function editSample(page: Page, changes: Record<string, unknown>) {
  const sample = page.getByLabel("Sample trace");
  const current = JSON.parse(await sample.inputValue()) as Record<string, unknown>;
  await sample.fill(JSON.stringify({ ...current, ...changes }, null, 2));
}

test("50 % sampling and a model rule: Try rules explains, the card summarises, the bucket holds exactly the matching traces", async ({ page, request }) => {
  test.setTimeout(120_000);
  const run = uniqueSuffix();
  const keyName = `e2e-routing-${run}`;
  const prefix = `e2e-routing-${run}`;
  const apiKey = await createApiKey(page, keyName);
  // A trace id inside the 50 % and one outside, for Try rules.
  const ids = Array.from({ length: 200 }, (_, i) => `try-${run}-${i}`);
  const inside = ids.find((id) => samplingPosition(id) < 0.5) as string;
  const outside = ids.find((id) => samplingPosition(id) >= 0.5) as string;

  const name = `Routing ${run}`;
  created.push(name);
  await addDestination(page, {
    name,
    prefix,
    configure: async (form) => {
      await form.getByLabel("Percent of traces").fill("50");
      await form.getByRole("button", { name: "Add a filter rule" }).click();
      await form.getByLabel("Group 1, rule 1: field").selectOption("model");
      await form.getByLabel("Group 1, rule 1: operator").selectOption("contains");
      await form.getByLabel("Group 1, rule 1: value").fill("gpt");
      await expect(form.getByLabel("Sampling rate")).toHaveValue("50");

      const result = form.getByRole("status").filter({ hasText: /Sent|Not sent/ });
      await editSample(form, { trace_id: inside, model: "openai/gpt-4o" });
      await form.getByRole("button", { name: "Try rules" }).click();
      await expect(result).toContainText("Sent: every rule matches.");
      await expect(result).toContainText("Group 1, rule 1: “model contains gpt” is true");
      await editSample(form, { trace_id: inside, model: "anthropic/claude-3.5" });
      await form.getByRole("button", { name: "Try rules" }).click();
      await expect(result).toContainText("Not sent: “model contains gpt” is false.");
      await expect(result).toContainText("Group 1, rule 1: “model contains gpt” is false (decided)");
      await editSample(form, { trace_id: outside, model: "openai/gpt-4o" });
      await form.getByRole("button", { name: "Try rules" }).click();
      await expect(result).toContainText("Not sent: sampling keeps 50 % of trace ids");
    },
  });
  const card = destinationCard(page, name);
  await expect(card.getByText("50 % of traces where model contains gpt")).toBeVisible();
  wasBroadcastOn = await setBroadcast(page, true);

  const createdAt = new Date();
  const traces = Array.from({ length: 40 }, (_, i) => ({
    id: `e2e-routing-${run}-${i}`,
    created_at: createdAt.toISOString(),
    model: i % 2 === 0 ? "openai/gpt-4o-mini" : "anthropic/claude-3.5-haiku",
    input: { messages: [{ role: "user", content: `question ${i}` }] },
  }));
  const response = await request.post("/api/v1/traces", { headers: { Authorization: `Bearer ${apiKey}` }, data: { traces } });
  expect(response.status(), await response.text()).toBe(202);

  const expected = traces
    .filter((t) => t.model.includes("gpt") && samplingPosition(t.id) < 0.5)
    .map((t) => t.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(20);
  const tracesInBucket = async () =>
    (await listKeys(readE2eEnv().s3rver.buckets.traces, `${prefix}/`)).filter((key) => !key.includes("broadcast-connection-test")).map((key) => new RegExp(`/(e2e-routing-${run}-\\d+)-`).exec(key)?.[1]).sort();
  await expect.poll(tracesInBucket, { timeout: 60_000 }).toEqual(expected);
});
