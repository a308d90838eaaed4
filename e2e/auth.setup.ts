import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";

// Runs first, on the empty database: the first visit must land on Create owner account.
setup("create the owner account on a fresh install", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create owner account" })).toBeVisible();

  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  await expect(page).toHaveURL(/\/settings\/observability$/);
  await expect(page.getByRole("heading", { level: 1, name: "Broadcast" })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("better-auth.session_token"));
  expect(session, "a session cookie").toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await page.context().storageState({ path: OWNER_STATE });
});
