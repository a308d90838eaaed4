import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { REPO_ROOT } from "./support/e2e-config";
import { readE2eEnv } from "./support/env";

// Writes the settings screenshots used by the docs (docs/screenshots/*.png, 1280x900). It creates
// nothing: the form is filled and tested, never saved.

const SHOTS = path.join(REPO_ROOT, "docs", "screenshots");

test.use({ viewport: { width: 1280, height: 900 } });

async function shoot(page: Page, file: string, focus?: Locator) {
  // Centre what the picture is about; the page is taller than the viewport once the form is open.
  if (focus) await focus.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS, file), animations: "disabled", caret: "hide" });
}

test("settings screenshots for the docs", async ({ page }) => {
  const { s3rver } = readE2eEnv();
  await page.goto("/settings/observability");
  // Screenshot options touch the DOM (caret hiding); let React hydrate first.
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^0 of 5 buckets/), "the empty-state shot needs a database without destinations").toBeVisible();
  await shoot(page, "settings-empty.png");

  await page.getByRole("button", { name: "Add destination" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Team traces");
  await page.getByRole("radio", { name: "MinIO" }).click();
  await page.getByLabel("Bucket Name").fill(s3rver.buckets.traces);
  await page.getByLabel("Custom Endpoint").fill(s3rver.endpoint);
  await page.getByLabel("Access Key Id").fill(s3rver.accessKeyId);
  await page.getByLabel("Secret Access Key").fill(`e2e-SECRET-${randomBytes(6).toString("hex")}`);
  await page.getByLabel("Prefix").fill("openrouter-traces");
  await page.getByLabel("Path Template").fill("{prefix}/{apiKeyName}/{date}");
  const preview = page.getByRole("region", { name: "Path preview" });
  await expect(preview).toContainText("openrouter-traces/production-app/");
  await page.getByLabel("Path Template").blur();
  await shoot(page, "settings-form-preview.png", preview);

  const bucket = page.getByLabel("Bucket Name");
  await bucket.fill("no-such-bucket-e2e");
  await page.getByRole("button", { name: "Test Connection" }).click();
  const failure = page.getByRole("region", { name: "Add destination" }).getByRole("alert");
  await expect(failure).toContainText("The bucket does not exist.");
  await shoot(page, "settings-test-failed.png", failure);

  await bucket.fill(s3rver.buckets.traces);
  await page.getByRole("button", { name: "Test Connection" }).click();
  const success = page.getByRole("status").filter({ hasText: "Connection OK" });
  await expect(success).toBeVisible();
  await shoot(page, "settings-test-passed.png", success);

  await page.getByRole("button", { name: "Cancel" }).click();
});
