import { expect, test, type APIRequestContext } from "@playwright/test";
import { addDestination, createApiKey, deleteDestinations, destinationCard, setBroadcast, SETTINGS_PAGE, uniqueSuffix } from "./support/delivery-flows";

// The chart on a destination card: traces written and failed per minute over the last hour. It
// appears with the card and moves by itself (the card polls) when traces are sent.

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

async function postTraces(request: APIRequestContext, apiKey: string, ids: string[]) {
  const response = await request.post("/api/v1/traces", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      traces: ids.map((id) => ({
        id,
        created_at: new Date().toISOString(),
        model: "openai/gpt-4o-mini",
        input: { messages: [{ role: "user", content: "hello" }] },
        output: { content: "hi" },
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(202);
}

test("the delivery chart appears on the card and moves when traces are sent", async ({ page, request }) => {
  const run = uniqueSuffix();
  const apiKey = await createApiKey(page, `e2e-chart-${run}`);
  const name = `Chart ${run}`;
  created.push(name);
  await addDestination(page, { name, prefix: `e2e-chart-${run}` });
  wasBroadcastOn = await setBroadcast(page, true);
  await page.goto(SETTINGS_PAGE);

  const card = destinationCard(page, name);
  const chart = card.getByRole("img", { name: /^Traces per minute to .*, last hour:/ });
  await expect(chart).toHaveAccessibleName(`Traces per minute to ${name}, last hour: 0 written, 0 failed`);
  await expect(chart.locator("svg")).toBeVisible();

  // No reload from here on: the card polls.
  await postTraces(request, apiKey, [1, 2, 3, 4].map((n) => `e2e-chart-${run}-${n}`));
  await expect(chart).toHaveAccessibleName(`Traces per minute to ${name}, last hour: 4 written, 0 failed`, { timeout: 20_000 });
  await expect(card.getByText("Last hour, per minute: 4 written · 0 failed")).toBeVisible();
  // The bars are drawn: the current minute's bar has height.
  await expect(chart.locator(".recharts-bar-rectangle path").first()).toBeVisible();
});
