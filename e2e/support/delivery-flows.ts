import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";
import { readE2eEnv } from "./env";

// What a person does on the way to watching traces arrive, shared by the ingest-* and delivery-*
// specs: create an API key, add a destination on the e2e s3rver, switch Broadcast on.

export const SETTINGS_PAGE = "/settings/observability";

export const uniqueSuffix = () => randomBytes(4).toString("hex");
export const utcDate = (date = new Date()) => date.toISOString().slice(0, 10);

/** Creates a key on Settings > API Keys and returns its one-time value. */
export async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const keyField = page.getByLabel("API Key", { exact: true });
  await expect(keyField).toHaveValue(/^brd_/);
  const key = await keyField.inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  return key;
}

export type NewDestination = {
  name: string;
  bucket?: string;
  prefix: string;
  pathTemplate?: string;
  isPrivate?: boolean;
  /** More steps in the open form before Test Connection (e.g. the Routing section). */
  configure?: (page: Page) => Promise<void>;
};

/** Add destination → fill for s3rver (MinIO preset) → Test Connection → Save. */
export async function addDestination(page: Page, input: NewDestination): Promise<Locator> {
  const { s3rver } = readE2eEnv();
  await page.goto(SETTINGS_PAGE);
  await page.getByRole("button", { name: "Add destination" }).click();
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByRole("radio", { name: "MinIO" }).click();
  await page.getByLabel("Bucket Name").fill(input.bucket ?? s3rver.buckets.traces);
  await page.getByLabel("Custom Endpoint").fill(s3rver.endpoint);
  await page.getByLabel("Access Key Id").fill(s3rver.accessKeyId);
  await page.getByLabel("Secret Access Key").fill(s3rver.secretAccessKey);
  await page.getByLabel("Prefix").fill(input.prefix);
  await page.getByLabel("Path Template").fill(input.pathTemplate ?? "{prefix}/{date}");
  if (input.isPrivate) await page.getByRole("switch", { name: "Privacy Mode" }).click();
  await input.configure?.(page);
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection OK" })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  const card = destinationCard(page, input.name);
  await expect(card).toBeVisible();
  return card;
}

export const destinationCard = (page: Page, name: string) => page.getByRole("article", { name });

export async function deleteDestinations(page: Page, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await page.goto(SETTINGS_PAGE);
  for (const name of names) {
    const card = destinationCard(page, name);
    if ((await card.count()) === 0) continue;
    await card.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(card).toHaveCount(0);
  }
}

/**
 * Sets the Broadcast switch and waits until the server has it (a reload shows it), because ingest
 * answers 202 either way. Returns the previous state, to put back afterwards.
 */
export async function setBroadcast(page: Page, on: boolean): Promise<boolean> {
  await page.goto(SETTINGS_PAGE);
  const broadcast = page.getByRole("switch", { name: "Broadcast", exact: true });
  await expect(broadcast).toBeVisible();
  const wasOn = (await broadcast.getAttribute("aria-checked")) === "true";
  if (wasOn !== on) await broadcast.click();
  await expect(async () => {
    await page.reload();
    await expect(broadcast).toHaveAttribute("aria-checked", String(on), { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return wasOn;
}

type StatName = "Delivered" | "Pending" | "Failed" | "Last success";

/** One of the figures on a card's delivery health: a group named by its label, e.g. "Delivered 3". */
export const deliveryStat = (card: Locator, term: StatName) => card.getByRole("group", { name: term, exact: true });

/** Waits for a figure to read `value` (the card refreshes by itself). */
export async function expectStat(card: Locator, term: StatName, value: string, opts: { timeout?: number } = {}) {
  await expect(deliveryStat(card, term)).toHaveText(new RegExp(`^${term}\\s*${value}$`), opts);
}
