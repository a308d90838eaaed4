import { randomBytes } from "node:crypto";
import { expect, test, type Page, type Response } from "@playwright/test";
import { listKeys } from "./support/bucket";
import { createApiKey } from "./support/delivery-flows";
import { readE2eEnv, readServerLog } from "./support/env";

// The Broadcast settings page as a person uses it, against the e2e s3rver (which checks the key id
// but not signatures, so any secret "works" with key id S3RVER). Every test deletes the
// destinations it creates, so the 5-destination limit holds for the specs that follow.

const PAGE = "/settings/observability";
const NO_SUCH_BUCKET = "no-such-bucket-e2e";

const unique = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;
const uniquePrefix = () => `e2e-${randomBytes(4).toString("hex")}`;
const utcDate = () => new Date().toISOString().slice(0, 10);

type DestinationInput = { name: string; bucket?: string; secret?: string; prefix?: string; pathTemplate?: string };

let created: string[] = [];

test.beforeEach(() => {
  created = [];
});

test.afterEach(async ({ page }) => {
  if (created.length === 0) return;
  await page.goto(PAGE);
  for (const name of created) {
    const card = page.getByRole("article", { name });
    if ((await card.count()) > 0) await deleteDestination(page, name);
  }
});

async function openSettings(page: Page) {
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Broadcast" })).toBeVisible();
}

/** Opens the editor for a new destination and fills it for the e2e s3rver. */
async function fillNewDestination(page: Page, input: DestinationInput) {
  const { s3rver } = readE2eEnv();
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByRole("heading", { name: "Add destination" })).toBeFocused();
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByRole("radio", { name: "MinIO" }).click();
  await page.getByLabel("Bucket Name").fill(input.bucket ?? s3rver.buckets.traces);
  await page.getByLabel("Custom Endpoint").fill(s3rver.endpoint);
  await page.getByLabel("Access Key Id").fill(s3rver.accessKeyId);
  await page.getByLabel("Secret Access Key").fill(input.secret ?? `e2e-SECRET-${randomBytes(6).toString("hex")}`);
  if (input.prefix !== undefined) await page.getByLabel("Prefix").fill(input.prefix);
  if (input.pathTemplate !== undefined) await page.getByLabel("Path Template").fill(input.pathTemplate);
}

async function testConnectionPasses(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Test Connection" }).click();
  const outcome = page.getByRole("status").filter({ hasText: "Connection OK" });
  await expect(outcome).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toBeEnabled();
  return (await outcome.locator("code").textContent()) ?? "";
}

async function saveDestination(page: Page, name: string) {
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("article", { name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Destinations" })).toBeFocused();
}

async function createDestination(page: Page, input: DestinationInput) {
  await fillNewDestination(page, input);
  created.push(input.name);
  await testConnectionPasses(page);
  await saveDestination(page, input.name);
}

async function deleteDestination(page: Page, name: string) {
  await page.getByRole("article", { name }).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(name);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("article", { name })).toHaveCount(0);
}

/** Clicks a switch and waits for its server action to answer, so a reload sees the new value. */
async function toggleAndWait(page: Page, click: () => Promise<void>) {
  // Argument-less actions are reads (the cards poll delivery health): their answers are not the switch's.
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().includes(PAGE) && r.request().postData() !== "[]",
  );
  await click();
  await answered;
}

test("Broadcast switch turns the feature on and off and survives a reload", async ({ page }) => {
  await openSettings(page);
  const broadcast = page.getByRole("switch", { name: "Broadcast", exact: true });
  const offNote = page.getByText("Nothing is written to any bucket.");
  const wasOn = (await broadcast.getAttribute("aria-checked")) === "true";
  if (wasOn) await toggleAndWait(page, () => broadcast.click());

  await expect(broadcast).not.toBeChecked();
  await expect(offNote).toBeVisible();
  await expect(page.getByRole("button", { name: "Add destination" })).toBeEnabled();

  await toggleAndWait(page, () => broadcast.click());
  await expect(broadcast).toBeChecked();
  await expect(offNote).toBeHidden();
  await page.reload();
  await expect(broadcast).toBeChecked();
  await expect(offNote).toBeHidden();

  // Keyboard: Space on the focused switch.
  await broadcast.focus();
  await toggleAndWait(page, () => page.keyboard.press("Space"));
  await expect(broadcast).not.toBeChecked();
  await page.reload();
  await expect(broadcast).not.toBeChecked();
  await expect(offNote).toBeVisible();

  if (wasOn) await toggleAndWait(page, () => broadcast.click());
});

test("the path preview follows every keystroke without asking the server", async ({ page }) => {
  // A real key of the account, so {apiKeyName} shows what traces from it would really get.
  const keyName = `Preview key ${unique("k")}`;
  await createApiKey(page, keyName);
  await openSettings(page);
  await fillNewDestination(page, { name: unique("Preview") });
  const preview = page.getByRole("region", { name: "Path preview" });
  const template = page.getByLabel("Path Template");
  await expect(preview).toContainText(`openrouter-traces/${utcDate()}/<traceId>-<timestamp>.json`);

  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });

  await page.getByLabel("Prefix").fill("team-a");
  await template.clear();
  await template.pressSequentially("logs");
  await expect(preview.locator("code").first()).toHaveText("logs/<traceId>-<timestamp>.json");
  // An unclosed "{" while typing is a variable on its way, not an error.
  await template.pressSequentially("/{pre");
  await expect(page.getByRole("listbox", { name: "Variables" }).getByRole("option")).toHaveText(["{prefix}"]);
  await expect(preview).toContainText("Finish the variable");
  await expect(template).not.toHaveAttribute("aria-invalid", "true");
  await template.pressSequentially("fix}");
  await expect(preview.locator("code").first()).toHaveText("logs/team-a/<traceId>-<timestamp>.json");
  // The part that came from Prefix is marked.
  await expect(preview.getByTestId("path-preview-key").locator("mark")).toHaveText("team-a");
  await expect(preview.getByTestId("path-preview-key").locator("mark")).toHaveAttribute("title", "From Prefix");
  await expect(preview).toContainText("Highlighted: from Prefix.");
  await template.pressSequentially("/{year}");
  const [year, month] = utcDate().split("-");
  await expect(preview.locator("code").first()).toHaveText(`logs/team-a/${year}/<traceId>-<timestamp>.json`);
  await template.pressSequentially("/{month}/{apiKeyName}");
  await preview.getByLabel("API key shown in the preview").selectOption(keyName);
  const segment = (await preview.locator("code", { hasText: /^Preview-key-/ }).first().textContent()) ?? "";
  expect(segment).toMatch(/^Preview-key-k-[0-9a-f]+-[0-9a-f]{8}$/);
  await expect(preview).toContainText(`written as ${segment}`);
  await expect(preview.locator("code").first()).toHaveText(`logs/team-a/${year}/${month}/${segment}/<traceId>-<timestamp>.json`);
  expect(posts).toEqual([]);

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Destinations" })).toBeFocused();
});

test("Tab completes a variable; an unknown one is reported once the person moves on", async ({ page }) => {
  await openSettings(page);
  await fillNewDestination(page, { name: unique("Typing") });
  const template = page.getByLabel("Path Template");
  const preview = page.getByRole("region", { name: "Path preview" });
  await template.clear();
  await template.pressSequentially("{prefix}/{da");
  await expect(page.getByRole("listbox", { name: "Variables" }).getByRole("option")).toHaveText(["{date}", "{day}"]);
  await template.press("ArrowDown");
  await template.press("Tab");
  await expect(template).toHaveValue("{prefix}/{day}");
  await expect(template).toBeFocused();

  await template.pressSequentially("/{foo");
  await expect(preview).toContainText("No variable starts with “foo”");
  await expect(template).not.toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Prefix").focus();
  await expect(template).toHaveAttribute("aria-invalid", "true");
  await expect(template).toHaveAccessibleDescription(/Unbalanced braces/);
  await expect(preview).toContainText(/Unbalanced braces/);

  await template.fill("my traces/{date}");
  await page.getByLabel("Prefix").focus();
  await expect(preview.getByRole("list", { name: "Warnings" })).toContainText("contains spaces");
  await expect(template).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("invalid templates and bucket names are explained next to their field", async ({ page }) => {
  await openSettings(page);
  await fillNewDestination(page, { name: unique("Invalid") });
  const template = page.getByLabel("Path Template");
  const preview = page.getByRole("region", { name: "Path preview" });

  const cases = [
    ["{foo}", /Unknown variable \{foo\}/],
    ["a//b", /Empty path segment/],
    ["{date", /Unbalanced braces/],
  ] as const;
  for (const [value, problem] of cases) {
    await template.fill(value);
    await page.getByLabel("Prefix").focus(); // errors show once the person moves on
    await expect(template).toHaveAttribute("aria-invalid", "true");
    await expect(template).toHaveAccessibleDescription(problem);
    await expect(preview).toContainText(problem);
  }
  await template.fill("{prefix}/{date}");
  await expect(template).not.toHaveAttribute("aria-invalid", "true");

  const bucket = page.getByLabel("Bucket Name");
  await bucket.fill("My_Bucket");
  await expect(bucket).toHaveAttribute("aria-invalid", "true");
  await expect(bucket).toHaveAccessibleDescription(/uppercase/i);
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("a failing connection test shows why and keeps Save disabled", async ({ page }) => {
  await openSettings(page);
  await fillNewDestination(page, { name: unique("Failing"), bucket: NO_SUCH_BUCKET });
  const save = page.getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();

  // Hold the action's answer for a moment to see the form while the test runs.
  await page.route(`**${PAGE}`, async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(page.getByRole("button", { name: "Testing…" })).toBeVisible();
  await expect(page.getByLabel("Bucket Name")).toBeDisabled();

  // Scoped to the editor: Next.js keeps an empty role="alert" route announcer on every page.
  const alert = page.getByRole("region", { name: "Add destination" }).getByRole("alert");
  await expect(alert).toContainText("The bucket does not exist.");
  await expect(alert).toContainText("Check the Bucket Name");
  await expect(page.getByLabel("Bucket Name")).toBeEnabled();
  await expect(save).toBeDisabled();
  await page.unroute(`**${PAGE}`);
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("a passing test writes a marker into the bucket; editing the connection asks for a new test", async ({ page }) => {
  const { s3rver } = readE2eEnv();
  const prefix = uniquePrefix();
  await openSettings(page);
  await fillNewDestination(page, { name: unique("Passing"), prefix, pathTemplate: "{prefix}/{date}" });

  const key = await testConnectionPasses(page);
  expect(key).toMatch(new RegExp(`^${prefix}/${utcDate()}/broadcast-connection-test-\\d+\\.json$`));
  await expect(page.getByRole("status").filter({ hasText: "Connection OK" })).toContainText(/\d+ ms/);
  expect(await listKeys(s3rver.buckets.traces, prefix)).toContain(key);

  const save = page.getByRole("button", { name: "Save" });
  const region = page.getByLabel("Region");
  await region.fill("eu-west-1");
  await expect(save).toBeDisabled();
  await expect(page.getByText("Test the connection again to save")).toBeVisible();
  await expect(save).toHaveAccessibleDescription("Test the connection again to save");

  await region.fill("us-east-1");
  await expect(save).toBeEnabled();

  // Name and flags are not part of the connection.
  await page.getByLabel("Name", { exact: true }).fill(unique("Renamed"));
  await page.getByRole("switch", { name: "Privacy Mode" }).click();
  await expect(save).toBeEnabled();

  await page.getByLabel("Bucket Name").fill(s3rver.buckets.other);
  await expect(save).toBeDisabled();
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("save, reload, edit without retyping the secret, save again, then delete", async ({ page }) => {
  const { s3rver } = readE2eEnv();
  const secret = `e2e-SECRET-${randomBytes(8).toString("hex")}`;
  const name = unique("Lifecycle");
  const prefix = uniquePrefix();
  const responses: Promise<string>[] = [];
  page.on("response", (response: Response) => {
    if (response.request().method() === "POST") responses.push(response.text().catch(() => ""));
  });

  await openSettings(page);
  await createDestination(page, { name, secret, prefix, pathTemplate: "{prefix}/{date}" });
  const card = page.getByRole("article", { name });
  await expect(card).toContainText(s3rver.buckets.traces);
  await expect(card).toContainText(s3rver.endpoint);
  await expect(card).toContainText(`${prefix}/${utcDate()}/<traceId>-<timestamp>.json`);
  await expect(card).toContainText(`••••${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);

  await page.reload();
  await expect(card).toContainText(`••••${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);

  // Flags on the card persist.
  await toggleAndWait(page, () => card.getByRole("switch", { name: "Privacy Mode" }).click());
  await page.reload();
  await expect(card.getByRole("switch", { name: "Privacy Mode" })).toBeChecked();
  await expect(card.getByRole("switch", { name: "Enabled" })).toBeChecked();

  await card.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Bucket Name")).toHaveValue(s3rver.buckets.traces);
  await expect(page.getByLabel("Custom Endpoint")).toHaveValue(s3rver.endpoint);
  await expect(page.getByLabel("Prefix")).toHaveValue(prefix);
  const secretInput = page.getByLabel("Secret Access Key");
  await expect(secretInput).toHaveValue("");
  await expect(secretInput).toHaveAttribute("type", "password");
  await expect(secretInput).toHaveAccessibleDescription(
    new RegExp(`Leave blank to keep current.*Current: ••••${secret.slice(-4)}`),
  );
  await expect(page.getByLabel("Session Token")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();

  await page.getByLabel("Path Template").fill("{prefix}/{year}/{month}");
  const key = await testConnectionPasses(page);
  const [year, month] = utcDate().split("-");
  expect(key).toMatch(new RegExp(`^${prefix}/${year}/${month}/broadcast-connection-test-\\d+\\.json$`));
  expect(await listKeys(s3rver.buckets.traces, prefix)).toContain(key);
  await saveDestination(page, name);
  await expect(card).toContainText(`${prefix}/${year}/${month}/<traceId>-<timestamp>.json`);
  await expect(card).toContainText(`••••${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);

  // Cancelling the confirmation keeps the destination.
  await card.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(card).toBeVisible();
  await deleteDestination(page, name);
  await page.reload();
  await expect(page.getByRole("article", { name })).toHaveCount(0);

  const bodies = await Promise.all(responses);
  expect(bodies.length).toBeGreaterThan(3);
  for (const body of bodies) expect(body).not.toContain(secret);
  expect(readServerLog()).not.toContain(secret);
});

test("a moved endpoint needs the secret and session token typed again; a stored token can be removed", async ({ page }) => {
  const { s3rver } = readE2eEnv();
  const name = unique("Retype");
  const token = `e2e-TOKEN-${randomBytes(6).toString("hex")}`;
  await openSettings(page);
  await fillNewDestination(page, { name, prefix: uniquePrefix() });
  await page.getByLabel("Session Token").fill(token);
  created.push(name);
  await testConnectionPasses(page);
  await saveDestination(page, name);
  const card = page.getByRole("article", { name });
  await expect(card).toContainText(`••••${token.slice(-4)}`);

  await card.getByRole("button", { name: "Edit" }).click();
  const secret = page.getByLabel("Secret Access Key");
  const sessionToken = page.getByLabel("Session Token");
  await expect(sessionToken).toHaveAccessibleDescription(new RegExp(`Leave blank to keep current.*Current: ••••${token.slice(-4)}`));
  // Same server, another host name: the stored secret and token must not follow it.
  await page.getByLabel("Custom Endpoint").fill(s3rver.endpoint.replace("127.0.0.1", "localhost"));
  await expect(secret).toHaveAccessibleDescription(/Type the Secret Access Key again: the endpoint changed, and stored credentials are never sent to a new host\./);
  await expect(sessionToken).toHaveAccessibleDescription(/Type the Session Token again, or remove it: the endpoint changed/);
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(secret).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Connection OK" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();

  await secret.fill(`e2e-SECRET-${randomBytes(6).toString("hex")}`);
  await expect(secret).not.toHaveAccessibleDescription(/Type the Secret Access Key again/);
  await expect(sessionToken).toHaveAccessibleDescription(/Type the Session Token again, or remove it/);
  await page.getByRole("button", { name: "Remove session token" }).click();
  await expect(page.getByText("The stored session token will be removed when you save.")).toBeVisible();
  await expect(sessionToken).not.toHaveAccessibleDescription(/Type the Session Token again/);
  await testConnectionPasses(page);
  await saveDestination(page, name);
  await expect(card).toContainText(s3rver.endpoint.replace("127.0.0.1", "localhost"));
  await expect(card).not.toContainText(`••••${token.slice(-4)}`);

  await page.reload();
  await card.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Session Token")).toHaveAccessibleDescription(/Only for temporary credentials/);
  await expect(page.getByRole("button", { name: "Remove session token" })).toHaveCount(0);
});
