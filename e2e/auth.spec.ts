import { expect, test, type Page } from "@playwright/test";
import { OWNER, SIGNED_OUT, VIEWER } from "./support/accounts";
import { readServerLog } from "./support/env";

// Sign-in, roles and the audit log, as people use them. Serial: the viewer the first test creates
// signs in later.
test.describe.configure({ mode: "serial" });

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Broadcast" })).toBeVisible();
}

test("the owner creates a viewer on the Users page", async ({ page }) => {
  await page.goto("/settings/observability");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByLabel("Name").fill(VIEWER.name);
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("cell", { name: VIEWER.email })).toBeVisible();
  await expect(page.getByLabel(`Role of ${VIEWER.email}`)).toHaveValue("viewer");
});

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a wrong password is refused with one message; the right one signs in; sign out ends it", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("Email or password is incorrect.");

    await signIn(page, OWNER);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/settings/api-keys");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a viewer sees the settings with every control disabled and no admin pages", async ({ page }) => {
    await signIn(page, VIEWER);
    // Greyed-out controls say why, on hover (title) and to screen readers (description).
    const why = "Viewers can't change settings. Ask an owner or admin for the admin role.";
    for (const control of [page.getByRole("switch", { name: "Broadcast" }), page.getByRole("button", { name: "Add destination" })]) {
      await expect(control).toBeDisabled();
      await expect(control).toHaveAttribute("title", why);
      await expect(control).toHaveAccessibleDescription(why);
    }
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit Log" })).toHaveCount(0);

    await nav.getByRole("link", { name: "API Keys" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create", exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Create", exact: true })).toHaveAccessibleDescription(why);

    await page.goto("/settings/audit-log");
    await expect(page).toHaveURL(/\/settings\/observability$/);
  });
});

test("changes appear in the audit log with who made them", async ({ page }) => {
  await page.goto("/settings/observability");
  const toggle = page.getByRole("switch", { name: "Broadcast" });
  const wasOn = (await toggle.getAttribute("aria-checked")) === "true";
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", wasOn ? "false" : "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", wasOn ? "true" : "false");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit Log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit Log" })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "settings.broadcast" }).first()).toContainText(OWNER.email);
  await expect(rows.filter({ hasText: "user.create" }).filter({ hasText: VIEWER.email })).toHaveCount(1);
  await expect(rows.filter({ hasText: "user.create-owner" })).toHaveCount(1);
});

test("no password ever reaches the server log", async () => {
  const log = readServerLog();
  for (const secret of [OWNER.password, VIEWER.password]) expect(log).not.toContain(secret);
});
