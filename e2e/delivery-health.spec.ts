import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { createTestS3Client } from "../tests/s3/s3-test-client";
import { listKeys } from "./support/bucket";
import {
  addDestination, createApiKey, deleteDestinations, deliveryStat, destinationCard, expectStat, setBroadcast, SETTINGS_PAGE, uniqueSuffix,
} from "./support/delivery-flows";
import { readE2eEnv } from "./support/env";

// Delivery health on the destination cards, refreshing by itself while the page is open, and a
// pause caused by real parts: the destination's bucket is deleted on s3rver behind its back
// (NoSuchBucket), then recreated, and delivery is resumed from the card or by saving again.
// Dead letters need retryable failures past the retry horizon, which the shared e2e server cannot
// produce reliably; lib/delivery/delivery-faults.integration.test.ts covers listing and replay.

let created: string[] = [];
let wasBroadcastOn: boolean | null = null;
let ownBuckets: string[] = [];
let s3: S3Client | null = null;

const bucketClient = () => (s3 ??= createTestS3Client(readE2eEnv().s3rver));

test.beforeEach(() => {
  created = [];
  ownBuckets = [];
  wasBroadcastOn = null;
});

test.afterEach(async ({ page }) => {
  await deleteDestinations(page, created);
  for (const bucket of ownBuckets) await removeBucket(bucket).catch(() => {});
  if (wasBroadcastOn === false) await setBroadcast(page, false);
});

test.afterAll(() => s3?.destroy());

async function removeBucket(bucket: string) {
  for (const key of await listKeys(bucket)) await bucketClient().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  await bucketClient().send(new DeleteBucketCommand({ Bucket: bucket }));
}

async function postTraces(request: APIRequestContext, apiKey: string, ids: string[]) {
  const response = await request.post("/api/v1/traces", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      traces: ids.map((id) => ({
        id,
        created_at: new Date().toISOString(),
        model: "openai/gpt-4o-mini",
        input: { messages: [{ role: "user", content: "hello" }] },
        output: { content: "hi" },
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(202);
}

async function setUp(page: Page, opts: { bucket?: string } = {}) {
  const run = uniqueSuffix();
  const apiKey = await createApiKey(page, `e2e-delivery-${run}`);
  const name = `Health ${run}`;
  const prefix = `e2e-health-${run}`;
  created.push(name);
  await addDestination(page, { name, prefix, bucket: opts.bucket });
  wasBroadcastOn = await setBroadcast(page, true);
  await page.goto(SETTINGS_PAGE);
  return { run, apiKey, name, prefix, card: destinationCard(page, name) };
}

const badge = (card: Locator, label: string) => card.getByText(label, { exact: true });

test("health numbers and recent deliveries update by themselves as traces flow", async ({ page, request }) => {
  const { run, apiKey, prefix, card } = await setUp(page);
  await expectStat(card, "Delivered", "0");
  await expect(card.getByText("No deliveries yet.")).toBeVisible();

  // No reload from here on: the card polls.
  await postTraces(request, apiKey, [`e2e-health-${run}-1`, `e2e-health-${run}-2`, `e2e-health-${run}-3`]);
  await expectStat(card, "Delivered", "3", { timeout: 15_000 });
  await expectStat(card, "Pending", "0");
  await expectStat(card, "Failed", "0");
  await expect(badge(card, "Healthy")).toBeVisible();
  await expect(deliveryStat(card, "Last success")).not.toHaveText(/Never$/);

  await card.getByText("Recent deliveries (3)").click();
  const rows = card.getByRole("row").filter({ hasText: `${prefix}/` });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(/\d+ B|\d+\.\d KB/);

  await postTraces(request, apiKey, [`e2e-health-${run}-4`]);
  await expectStat(card, "Delivered", "4", { timeout: 15_000 });
  await expect(card.getByText("Recent deliveries (4)")).toBeVisible();
  expect((await listKeys(readE2eEnv().s3rver.buckets.traces, `${prefix}/`)).filter((k) => k.includes(`e2e-health-${run}-`))).toHaveLength(4);
});

test("a deleted bucket pauses delivery with its reason; Resume, and saving the fixed settings, deliver the backlog", async ({ page, request }) => {
  test.setTimeout(120_000);
  const bucket = `e2e-pause-${uniqueSuffix()}`;
  await bucketClient().send(new CreateBucketCommand({ Bucket: bucket }));
  ownBuckets.push(bucket);
  const { run, apiKey, name, prefix, card } = await setUp(page, { bucket });

  // Behind Broadcast's back: the bucket goes away.
  await removeBucket(bucket);
  await postTraces(request, apiKey, [`e2e-pause-${run}-1`]);
  const paused = card.getByRole("alert").filter({ hasText: "Delivery paused" });
  await expect(paused).toContainText("The bucket does not exist.", { timeout: 15_000 });
  await expect(paused).toContainText("no-such-bucket");
  await expect(badge(card, "Paused")).toBeVisible();
  await expectStat(card, "Pending", "1");
  await expectStat(card, "Delivered", "0");

  // While paused, a test trace is refused with the reason rather than queued silently.
  await card.getByRole("button", { name: "Send Test Trace" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "Nothing was sent." })).toContainText("paused");

  // Fixed on the storage side, then resumed from the card.
  await bucketClient().send(new CreateBucketCommand({ Bucket: bucket }));
  await paused.getByRole("button", { name: "Resume" }).click();
  await expectStat(card, "Delivered", "1", { timeout: 15_000 });
  await expect(paused).toHaveCount(0);
  await expect(badge(card, "Healthy")).toBeVisible();
  await expect.poll(async () => (await listKeys(bucket, `${prefix}/`)).filter((k) => k.includes(`e2e-pause-${run}-1-`))).toHaveLength(1);

  // Again, but this time the fix is "edit, test, save": saving re-tested settings resumes delivery.
  await removeBucket(bucket);
  await postTraces(request, apiKey, [`e2e-pause-${run}-2`]);
  await expect(paused).toContainText("The bucket does not exist.", { timeout: 15_000 });
  await bucketClient().send(new CreateBucketCommand({ Bucket: bucket }));
  await card.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection OK" })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(destinationCard(page, name)).toBeVisible();
  await expectStat(card, "Delivered", "2", { timeout: 15_000 });
  await expect(paused).toHaveCount(0);
  // The first file went with the bucket; the second is in the recreated one.
  await expect.poll(async () => (await listKeys(bucket, `${prefix}/`)).filter((k) => k.includes(`e2e-pause-${run}-2-`))).toHaveLength(1);
});
