import { expect, test, type Page } from "@playwright/test";

// A person creates an API key, copies it, uses it against the ingest API and revokes it.
// Serial: later steps use the key the first one created.
test.describe.configure({ mode: "serial" });
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const keyName = `e2e-key-${Date.now().toString(36)}`;
let apiKey = "";

async function openApiKeysFromSidebar(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API Keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
}

function rowFor(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

test("create a key, see it once, and get an inline error for a duplicate name", async ({ page }) => {
  await openApiKeysFromSidebar(page);

  await page.getByLabel("Name", { exact: true }).fill(keyName);
  await page.getByRole("button", { name: "Create", exact: true }).click();

  const keyField = page.getByLabel("API Key", { exact: true });
  await expect(keyField).toHaveValue(/^brd_[A-Za-z0-9_-]{43}$/);
  await expect(keyField).toHaveAttribute("readonly", "");
  apiKey = await keyField.inputValue();
  await expect(page.getByText("it will not be shown again")).toBeVisible();

  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);

  const row = rowFor(page, keyName);
  await expect(row).toContainText(`${apiKey.slice(0, 12)}…`);
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(apiKey);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("API Key", { exact: true })).toHaveCount(0);
  await expect(page.getByText(apiKey)).toHaveCount(0);

  const name = page.getByLabel("Name", { exact: true });
  await name.fill(keyName);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("An API key with this name already exists.")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/An API key with this name already exists\./);
  await expect(page.getByLabel("API Key", { exact: true })).toHaveCount(0);

  await name.fill("");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Name is required.")).toBeVisible();
});

test("the key is accepted by POST /api/v1/traces", async ({ page, request }) => {
  expect(apiKey, "the first test creates the key").not.toBe("");

  // An empty object is not a valid trace, so nothing is stored: past auth, the body is refused.
  // A moved or missing route answers 404 here and fails the test.
  const response = await request.post("/api/v1/traces", { headers: { Authorization: `Bearer ${apiKey}` }, data: {} });
  expect(response.status(), await response.text()).toBe(400);
  expect((await response.json()).error.code).toBe("invalid_body");

  const wrong = await request.post("/api/v1/traces", {
    headers: { Authorization: `Bearer brd_${"A".repeat(43)}` },
    data: {},
  });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error.code).toBe("invalid_api_key");

  await openApiKeysFromSidebar(page);
  const lastUsed = rowFor(page, keyName).locator('[data-label="Last used"]');
  await expect(async () => {
    await page.reload();
    await expect(lastUsed).toContainText("UTC", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("revoke the key after confirming", async ({ page, request }) => {
  expect(apiKey, "the first test creates the key").not.toBe("");
  await openApiKeysFromSidebar(page);
  const row = rowFor(page, keyName);

  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Revoke “${keyName}”?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${keyName}` })).toHaveCount(0);

  await page.reload();
  await expect(rowFor(page, keyName)).toContainText("Revoked");

  const response = await request.post("/api/v1/traces", { headers: { Authorization: `Bearer ${apiKey}` }, data: {} });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("invalid_api_key");
});

test("a key whose name is rewritten in object keys says so", async ({ page }) => {
  await openApiKeysFromSidebar(page);
  const name = `Team A / prod ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByRole("button", { name: "Done" }).click();
  const row = rowFor(page, name);
  const inKeys = row.getByRole("cell").filter({ hasText: "rewritten" });
  await expect(inKeys.locator("code")).toHaveText(/^Team-A-prod-[a-z0-9]+-[0-9a-f]{8}$/);
  await expect(inKeys).toContainText("paths keep only letters, digits, dots, dashes and underscores");

  // A name that is already a safe segment is shown as it is, without the note.
  const safe = `safe-name-${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(safe);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByRole("button", { name: "Done" }).click();
  const safeCell = rowFor(page, safe).getByRole("cell").filter({ has: page.locator("code", { hasText: safe }) });
  await expect(safeCell.locator("code")).toHaveText(safe);
  await expect(safeCell).not.toContainText("rewritten");
});
