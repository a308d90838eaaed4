import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { REPO_ROOT } from "./support/e2e-config";
import { readE2eEnv } from "./support/env";

// The settings screenshots used by the docs (docs/screenshots/*.png, 1280x900). It creates nothing:
// the form is filled and tested, never saved. Each test opens the page itself, so they run in any
// order. A normal run writes the pictures into its own test output; only `npm run screenshots`
// (E2E_WRITE_SCREENSHOTS=1, this spec alone on a fresh database) rewrites the committed ones.

const WRITE_DOCS = process.env.E2E_WRITE_SCREENSHOTS === "1";
const DOCS_SHOTS = path.join(REPO_ROOT, "docs", "screenshots");

test.use({ viewport: { width: 1280, height: 900 } });

async function shoot(page: Page, testInfo: TestInfo, file: string, focus?: Locator) {
  // Centre what the picture is about; the page is taller than the viewport once the form is open.
  if (focus) await focus.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.mouse.move(0, 0);
  const target = WRITE_DOCS ? path.join(DOCS_SHOTS, file) : testInfo.outputPath(file);
  await page.screenshot({ path: target, animations: "disabled", caret: "hide" });
}

async function openSettings(page: Page) {
  await page.goto("/settings/observability");
  // Screenshot options touch the DOM (caret hiding); let React hydrate first.
  await page.waitForLoadState("networkidle");
}

/** Opens Add destination and fills a MinIO destination pointing at the test bucket. */
async function fillDestinationForm(page: Page) {
  const { s3rver } = readE2eEnv();
  await openSettings(page);
  await page.getByRole("button", { name: "Add destination" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Team traces");
  await page.getByRole("radio", { name: "MinIO" }).click();
  await page.getByLabel("Bucket Name").fill(s3rver.buckets.traces);
  await page.getByLabel("Custom Endpoint").fill(s3rver.endpoint);
  await page.getByLabel("Access Key Id").fill(s3rver.accessKeyId);
  await page.getByLabel("Secret Access Key").fill(`e2e-SECRET-${randomBytes(6).toString("hex")}`);
  await page.getByLabel("Prefix").fill("openrouter-traces");
  await page.getByLabel("Path Template").fill("{prefix}/{apiKeyName}/{date}");
  return s3rver;
}

test("the settings page before any destination", async ({ page }, testInfo) => {
  await openSettings(page);
  // Other specs may have saved destinations by now; the docs picture is taken on a fresh database.
  const count = page.getByText(/^\d+ of 5 buckets/);
  await expect(count).toBeVisible();
  if (WRITE_DOCS) await expect(count, "the empty-state shot needs a database without destinations").toHaveText(/^0 of 5 buckets/);
  await shoot(page, testInfo, "settings-empty.png");
});

test("the form with its path preview", async ({ page }, testInfo) => {
  await fillDestinationForm(page);
  const preview = page.getByRole("region", { name: "Path preview" });
  // {apiKeyName} shows one of the account's keys (or the example name when there is none).
  await expect(preview.getByTestId("path-preview-key")).toHaveText(/^openrouter-traces\/[^/]+\/\d{4}-\d{2}-\d{2}\/<traceId>-<timestamp>\.json$/);
  await page.getByLabel("Path Template").blur();
  await shoot(page, testInfo, "settings-form-preview.png", preview);
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("a failed connection test", async ({ page }, testInfo) => {
  await fillDestinationForm(page);
  await page.getByLabel("Bucket Name").fill("no-such-bucket-e2e");
  await page.getByRole("button", { name: "Test Connection" }).click();
  const failure = page.getByRole("region", { name: "Add destination" }).getByRole("alert");
  await expect(failure).toContainText("The bucket does not exist.");
  await shoot(page, testInfo, "settings-test-failed.png", failure);
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("a passed connection test", async ({ page }, testInfo) => {
  await fillDestinationForm(page);
  await page.getByRole("button", { name: "Test Connection" }).click();
  const success = page.getByRole("status").filter({ hasText: "Connection OK" });
  await expect(success).toBeVisible();
  await shoot(page, testInfo, "settings-test-passed.png", success);
  await page.getByRole("button", { name: "Cancel" }).click();
});
