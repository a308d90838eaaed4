import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./support/accounts";

test("the home page lands on the observability settings", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/settings\/observability$/);
  await expect(page.getByRole("heading", { level: 1, name: "Broadcast" })).toBeVisible();
});

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("every page sends a signed-out visitor to sign in", async ({ page }) => {
    for (const path of ["/", "/settings/observability", "/settings/api-keys", "/settings/users", "/settings/audit-log"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in$/);
    }
    await expect(page.getByRole("heading", { name: "Sign in to Broadcast" })).toBeVisible();
  });

  test("the setup page is closed once an owner exists", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("responses carry the security headers", async ({ request }) => {
    const response = await request.get("/sign-in");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    // Scripts by this response's nonce only; no HSTS over plain http (BROADCAST_PUBLIC_URL decides).
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
    expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});
