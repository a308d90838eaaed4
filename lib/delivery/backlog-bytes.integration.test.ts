import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, makeEvents, testTargets } from "@/tests/delivery/delivery-fixtures";
import { backlogBytes, isBacklogOverBytes } from "./backlog-bytes";
import { enqueueTraces, isBacklogFull } from "./enqueue";

vi.mock("server-only", () => ({}));

const s3rver = inject("s3rver");
const CTX = { apiKeyName: "backlog-bytes", apiKeyId: "backlog-bytes-id", now: new Date() };

describe.each(testTargets())("backlog bound in bytes ($name)", ({ target }) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openDatabase(target);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await enableBroadcast(database.prisma);
  });

  it("counts the stored bodies of waiting traces, so a few large traces fill it while the row bound is far", async () => {
    const prisma = database.prisma;
    await createTestDestination(prisma, s3rver);
    expect(await backlogBytes(prisma)).toBe(0);
    const large = makeEvents(randomUUID().slice(0, 8), 3).map((event) => ({ ...event, output: { content: randomBytes(40_000).toString("base64") } }));
    await enqueueTraces(prisma, large as typeof large, CTX);
    const bytes = await backlogBytes(prisma);
    expect(bytes).toBeGreaterThan(3 * 30_000); // random text barely compresses
    expect(await isBacklogFull(prisma, 100_000)).toBe(false);
    expect(await isBacklogOverBytes(prisma, bytes)).toBe(true);
    expect(await isBacklogOverBytes(prisma, 0)).toBe(false); // 0: off
  });
});
