import { expect, test, type Page } from "@playwright/test";
import { SIGNED_OUT } from "./support/accounts";
import { addDestination, createApiKey, deleteDestinations, uniqueSuffix } from "./support/delivery-flows";

// A phone-sized window (375 px, an iPhone SE/mini) on every page: nothing may stick out sideways,
// and no table may need sideways scrolling to be read. Code samples (<pre>) may scroll: that is
// the expected way to read a long command.
test.use({ viewport: { width: 375, height: 812 } });

/** Elements wider than the window, or sideways-scrolling containers, as "tag.class (width)". */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`document (${document.documentElement.scrollWidth}px)`);
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      if (element.closest("pre")) continue;
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden" || element.closest(".sr-only")) continue;
      const box = element.getBoundingClientRect();
      const label = `${element.tagName.toLowerCase()}${element.getAttribute("aria-label") ? `[${element.getAttribute("aria-label")}]` : ""}`;
      if (box.width > 0 && box.right > width + 1) found.push(`${label} ends at ${Math.round(box.right)}px`);
      const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
      if (scrolls && element.scrollWidth > element.clientWidth + 1) found.push(`${label} scrolls sideways (${element.scrollWidth}px)`);
    }
    return found;
  });
}

test.describe("signed in as the owner", () => {
  const destination = `narrow-${uniqueSuffix()}`;

  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await deleteDestinations(page, [destination]);
    await page.close();
  });

  test("every settings page fits a 375 px window", async ({ page }) => {
    // Real content first: a key, a destination and audit entries with long values.
    await createApiKey(page, `narrow-key-${uniqueSuffix()}`);
    await addDestination(page, { name: destination, prefix: `narrow-${uniqueSuffix()}` });
    for (const [path, heading] of [
      ["/settings/observability", "Broadcast"],
      ["/settings/api-keys", "API Keys"],
      ["/settings/users", "Users"],
      ["/settings/audit-log", "Audit Log"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      expect(await sidewaysOverflow(page), path).toEqual([]);
    }
  });

  test("on a phone, creating a user says what was created and its Remove button stays inside the card", async ({ page }) => {
    const email = `narrow-${uniqueSuffix()}@e2e.test`;
    await page.goto("/settings/users");
    await page.getByLabel("Name").fill("Narrow Viewer");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("narrow-viewer-PASSWORD-1");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status").filter({ hasText: email })).toHaveText(`Created ${email} as viewer. They can sign in now with the password you chose.`);

    const row = page.getByRole("row").filter({ hasText: email });
    const remove = row.getByRole("button", { name: "Remove Narrow Viewer" });
    await expect(remove).toBeVisible();
    const card = page.locator("[aria-labelledby='user-list-title']");
    const [buttonBox, cardBox] = [await remove.boundingBox(), await card.boundingBox()];
    if (!buttonBox || !cardBox) throw new Error("the button or the card has no box");
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    expect(await sidewaysOverflow(page)).toEqual([]);

    await remove.click();
    await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("the sign-in page fits a 375 px window", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Broadcast" })).toBeVisible();
    expect(await sidewaysOverflow(page)).toEqual([]);
  });
});

test("the browser finds a favicon", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\//);
});
