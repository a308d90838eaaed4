import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, setLogger } from "@/lib/platform/logging/logger";

vi.mock("server-only", () => ({}));

import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { generateApiKey } from "./api-key-format";
import { AUTH_CACHE_MS, authenticateApiKey, revokeApiKey, settleLastUsedWrites } from "./api-key-store";

// The lastUsedAt bookkeeping against a stub client: the write must never hold up or break a request.

function stubPrisma(id: string, updateMany: () => Promise<unknown>) {
  const findUnique = vi.fn(async () => ({ id, name: "prod", revokedAt: null, scope: "ingest" }));
  return { prisma: { apiKey: { findUnique, updateMany: vi.fn(updateMany) } } as unknown as PrismaClient, findUnique };
}

afterEach(() => vi.restoreAllMocks());

describe("authenticateApiKey's lastUsedAt write", () => {
  it("does not make the caller wait for the write", async () => {
    let finish: () => void = () => {};
    const { prisma } = stubPrisma("id-slow", () => new Promise((resolve) => (finish = () => resolve({ count: 1 }))));
    await expect(authenticateApiKey(prisma, generateApiKey().key)).resolves.toEqual({ id: "id-slow", name: "prod", scope: "ingest" });
    finish();
    await settleLastUsedWrites();
  });

  it("logs a failed write without the key and tries again on the next request", async () => {
    const { key } = generateApiKey();
    const lines: string[] = [];
    setLogger(createLogger({ level: "info", format: "json" }, { write: (line: string) => void lines.push(line) }));
    const { prisma } = stubPrisma("id-failing", () => Promise.reject(new Error("connection lost")));
    const now = new Date("2030-01-01T00:00:00.000Z");

    await expect(authenticateApiKey(prisma, key, now)).resolves.not.toBeNull();
    await settleLastUsedWrites();
    expect(lines).toHaveLength(1);
    const logged = lines.join(" ");
    expect(logged).toContain("id-failing");
    expect(logged).toContain("connection lost");
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(key.slice(12));

    await authenticateApiKey(prisma, key, new Date(now.getTime() + 1_000));
    await settleLastUsedWrites();
    expect(prisma.apiKey.updateMany).toHaveBeenCalledTimes(2);
  });

  it("skips the database entirely for a malformed key", async () => {
    const { prisma, findUnique } = stubPrisma("id-unused", async () => ({ count: 1 }));
    expect(await authenticateApiKey(prisma, "Bearer brd_nope")).toBeNull();
    expect(findUnique).not.toHaveBeenCalled();
  });
});

describe("authenticateApiKey's cache of active keys", () => {
  const t0 = new Date("2031-01-01T00:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("looks a key up once per window, then again once the window is over", async () => {
    const { key } = generateApiKey();
    const { prisma, findUnique } = stubPrisma("id-cached", async () => ({ count: 1 }));
    for (const ms of [0, 1, 2_000, AUTH_CACHE_MS - 1]) expect(await authenticateApiKey(prisma, key, at(ms))).toEqual({ id: "id-cached", name: "prod", scope: "ingest" });
    expect(findUnique).toHaveBeenCalledTimes(1);
    await authenticateApiKey(prisma, key, at(AUTH_CACHE_MS));
    expect(findUnique).toHaveBeenCalledTimes(2);
    await settleLastUsedWrites();
  });

  it("never remembers an unknown or revoked key", async () => {
    const { key } = generateApiKey();
    const findUnique = vi.fn(async () => ({ id: "id-revoked", name: "old", revokedAt: t0, scope: "ingest" }));
    const prisma = { apiKey: { findUnique, updateMany: vi.fn() } } as unknown as PrismaClient;
    expect(await authenticateApiKey(prisma, key, t0)).toBeNull();
    expect(await authenticateApiKey(prisma, key, at(1))).toBeNull();
    expect(findUnique).toHaveBeenCalledTimes(2);
  });

  it("forgets a key as soon as this process revokes it", async () => {
    const { key } = generateApiKey();
    let revokedAt: Date | null = null;
    const findUnique = vi.fn(async () => ({ id: "id-to-revoke", name: "prod", revokedAt, createdAt: t0, keyPrefix: "brd_x", lastUsedAt: null }));
    const prisma = { apiKey: { findUnique, updateMany: vi.fn(async () => ({ count: 1 })) } } as unknown as PrismaClient;
    expect(await authenticateApiKey(prisma, key, t0)).not.toBeNull();
    revokedAt = at(1);
    await revokeApiKey(prisma, "id-to-revoke", at(1));
    expect(await authenticateApiKey(prisma, key, at(2))).toBeNull();
    await settleLastUsedWrites();
  });
});
