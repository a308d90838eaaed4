import { expect, test } from "@playwright/test";

test("the home page lands on the observability settings", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/settings\/observability$/);
  await expect(page.getByRole("heading", { level: 1, name: "Broadcast" })).toBeVisible();
});
