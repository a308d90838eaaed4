import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/accounts";
import { readServerLog } from "./support/env";

/** The setup link the server printed at start-up, as a person would copy it from the log. */
function printedSetupLink(): string {
  const link = readServerLog().match(/https?:\/\/\S+\/setup\?token=[\w-]+/)?.[0];
  if (!link) throw new Error("the server log holds no setup link");
  return link;
}

// Runs first, on the empty database: without the printed link nobody can claim the install.
setup("a fresh install refuses owner creation without the printed link", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Open the setup link" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create owner account" })).toHaveCount(0);

  await page.goto("/setup?token=guessed-token");
  await expect(page.getByRole("alert").filter({ hasText: "This setup link is not valid" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create owner account" })).toHaveCount(0);
});

setup("create the owner account from the printed setup link", async ({ page }) => {
  await page.goto(printedSetupLink());
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

  // The link opens nothing once the owner exists.
  await page.context().clearCookies();
  await page.goto(printedSetupLink());
  await expect(page).toHaveURL(/\/sign-in$/);
});
