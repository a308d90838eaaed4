import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { updateDestinationFlags } from "@/lib/destinations/destination-store";
import {
  cleanDeliveryTables, createTestDestination, enableBroadcast, listKeys, startTestWorkers, testKeyring, testTargets,
} from "@/tests/delivery/delivery-fixtures";
import { createTestS3Client, getObjectText } from "@/tests/s3/s3-test-client";
import { resumeDestination } from "./queue-store";
import { sendTestTrace, TEST_TRACE_API_KEY_NAME } from "./send-test-trace";
import type { DeliveryWorkers } from "./worker";

vi.mock("server-only", () => ({}));

const s3rver = inject("s3rver");

describe.each(testTargets())("sendTestTrace ($name)", ({ target }) => {
  let database: OpenDatabase;
  let bucket: S3Client;
  let workers: DeliveryWorkers | null = null;

  beforeAll(async () => {
    database = await openDatabase(target);
    bucket = createTestS3Client(s3rver);
  });
  afterAll(async () => {
    bucket?.destroy();
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
  });

  const prisma = () => database.prisma;
  const destination = (opts: Parameters<typeof createTestDestination>[2] = {}) => createTestDestination(prisma(), s3rver, opts);
  const start = () => {
    workers = startTestWorkers(prisma(), s3rver.endpoint);
  };

  it("writes one synthetic trace through the queue to that destination only and reports its key", async () => {
    const chosen = await destination({ bucket: "traces" });
    const other = await destination({ bucket: "traces-2" });
    start();
    const result = await sendTestTrace(prisma(), chosen.id);
    expect(result).toMatchObject({ outcome: "delivered", attempts: 1 });
    if (result.outcome !== "delivered") return;
    expect(result.key).toMatch(new RegExp(`^${chosen.prefix}/\\d{4}-\\d{2}-\\d{2}/broadcast-test-\\d+-\\d+-[0-9a-f]{32}\\.json$`));
    expect(await listKeys(bucket, "traces", `${chosen.prefix}/`)).toEqual([result.key]);
    const file = JSON.parse(await getObjectText(bucket, "traces", result.key)) as Record<string, unknown>;
    expect(file).toMatchObject({ apiKeyName: TEST_TRACE_API_KEY_NAME, name: "Broadcast test trace", privacyMode: false });
    expect(result.bytes).toBe(Buffer.byteLength(await getObjectText(bucket, "traces", result.key)));

    expect(await prisma().delivery.count({ where: { destinationId: other.id } })).toBe(0);
    expect(await listKeys(bucket, "traces-2", `${other.prefix}/`)).toEqual([]);
  });

  it("stores nothing while Broadcast is off or the destination is disabled", async () => {
    const dest = await destination();
    start();
    await enableBroadcast(prisma(), false);
    expect(await sendTestTrace(prisma(), dest.id)).toMatchObject({ outcome: "refused", reason: "broadcast-off", message: expect.stringMatching(/Broadcast is off/) });

    await enableBroadcast(prisma(), true);
    await updateDestinationFlags(prisma(), testKeyring(), dest.id, { enabled: false });
    expect(await sendTestTrace(prisma(), dest.id)).toMatchObject({ outcome: "refused", reason: "destination-disabled" });

    expect(await sendTestTrace(prisma(), randomUUID())).toMatchObject({ outcome: "refused", reason: "not-found" });
    expect(await sendTestTrace(prisma(), "not-a-uuid")).toMatchObject({ outcome: "refused", reason: "not-found" });
    expect(await prisma().trace.count()).toBe(0);
    expect(await prisma().delivery.count()).toBe(0);
  });

  it("reports the classified error when the attempt pauses the destination, then refuses until resumed", async () => {
    const dest = await destination({ bucket: `missing-${randomUUID().slice(0, 8)}` });
    start();
    const result = await sendTestTrace(prisma(), dest.id);
    expect(result).toMatchObject({ outcome: "failed", code: "no-such-bucket", message: "The bucket does not exist.", isPaused: true });

    const again = await sendTestTrace(prisma(), dest.id);
    expect(again).toMatchObject({ outcome: "refused", reason: "destination-paused", message: expect.stringContaining("The bucket does not exist.") });
    expect(await prisma().delivery.count()).toBe(1); // the refused one stored nothing

    await resumeDestination(prisma(), dest.id);
    expect(await sendTestTrace(prisma(), dest.id)).toMatchObject({ outcome: "failed", isPaused: true });
  });

  it("answers 'queued' with the key when the delivery does not finish in time", async () => {
    const dest = await destination();
    // No workers: the trace waits in the queue.
    const result = await sendTestTrace(prisma(), dest.id, { waitMs: 300, pollMs: 50 });
    expect(result).toMatchObject({ outcome: "queued", lastError: null });
    if (result.outcome !== "queued") return;
    expect(result.key.startsWith(`${dest.prefix}/`)).toBe(true);
    expect(await prisma().delivery.findMany({ select: { status: true, objectKey: true } })).toEqual([{ status: "pending", objectKey: result.key }]);

    start();
    await expect.poll(() => listKeys(bucket, "traces", `${dest.prefix}/`), { timeout: 10_000 }).toEqual([result.key]);
  });
});
