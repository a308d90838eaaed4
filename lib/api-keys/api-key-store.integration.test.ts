import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/platform/db/database-target";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { generateApiKey, hashApiKey } from "./api-key-format";
import {
  authenticateApiKey,
  createApiKey,
  DUPLICATE_NAME_MESSAGE,
  listApiKeys,
  revokeApiKey,
  settleLastUsedWrites,
} from "./api-key-store";

// The same suite on the embedded store (always) and on PostgreSQL (when DATABASE_URL is set).
const targets: Array<{ label: string; target: DatabaseTarget }> = [
  { label: "PGlite in memory", target: { kind: "pglite", dataDir: null } },
];
if (process.env.DATABASE_URL) targets.push({ label: "PostgreSQL (DATABASE_URL)", target: resolveDatabaseTarget() });

describe.each(targets)("API key store on $label", ({ target }) => {
  let database: OpenDatabase;
  const prisma = () => database.prisma;

  beforeAll(async () => {
    database = await openDatabase(target);
    if (target.kind === "postgres") await database.prisma.apiKey.deleteMany();
  });

  afterAll(async () => {
    await settleLastUsedWrites();
    await database?.close();
  });

  async function created(name: string) {
    const result = await createApiKey(prisma(), name);
    if (!result.ok) throw new Error(`expected ${name} to be created: ${JSON.stringify(result.fieldErrors)}`);
    return result;
  }

  it("creates a key that then authenticates", async () => {
    const { key, apiKey } = await created("production");
    expect(key).toMatch(/^brd_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "production", prefix: key.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect(Date.parse(apiKey.createdAt)).not.toBeNaN();
    expect(await authenticateApiKey(prisma(), key)).toEqual({ id: apiKey.id, name: "production", scope: "ingest" });
  });

  it("stores the scope: ingest by default, admin when asked", async () => {
    const admin = await createApiKey(prisma(), "terraform", "admin");
    if (!admin.ok) throw new Error("could not create the key");
    expect(admin.apiKey.scope).toBe("admin");
    expect(await authenticateApiKey(prisma(), admin.key)).toMatchObject({ scope: "admin" });
    expect((await created("default-scope")).apiKey.scope).toBe("ingest");
  });

  it("answers null for a wrong, malformed or missing key", async () => {
    await created("wrong-key-check");
    expect(await authenticateApiKey(prisma(), generateApiKey().key)).toBeNull();
    expect(await authenticateApiKey(prisma(), "brd_short")).toBeNull();
    expect(await authenticateApiKey(prisma(), "")).toBeNull();
  });

  it("answers null for a revoked key, and revoking twice keeps the first time", async () => {
    const { key, apiKey } = await created("to-revoke");
    const first = new Date("2030-01-01T00:00:00.000Z");
    const revoked = await revokeApiKey(prisma(), apiKey.id, first);
    expect(revoked).toMatchObject({ id: apiKey.id, revokedAt: first.toISOString() });
    expect(await authenticateApiKey(prisma(), key)).toBeNull();
    expect(await revokeApiKey(prisma(), apiKey.id, new Date("2031-01-01T00:00:00.000Z"))).toMatchObject({
      revokedAt: first.toISOString(),
    });
  });

  it("never re-caches a key revoked while its lookup was in flight", async () => {
    const { key, apiKey } = await created("revoked-in-flight");
    const real = prisma();
    // The lookup reads the row, then the revoke commits before the lookup finishes.
    const racing = {
      apiKey: {
        findUnique: async (args: Parameters<typeof real.apiKey.findUnique>[0]) => {
          const row = await real.apiKey.findUnique(args);
          await revokeApiKey(real, apiKey.id);
          return row;
        },
        updateMany: real.apiKey.updateMany.bind(real.apiKey),
      },
    } as unknown as typeof real;
    expect(await authenticateApiKey(racing, key)).toMatchObject({ id: apiKey.id });
    expect(await authenticateApiKey(real, key)).toBeNull();
  });

  it("answers null when revoking an unknown id", async () => {
    expect(await revokeApiKey(prisma(), "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("refuses a duplicate name, also after the first key was revoked", async () => {
    const { apiKey } = await created("staging");
    const duplicate = { ok: false, fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] } };
    expect(await createApiKey(prisma(), "staging")).toEqual(duplicate);
    await revokeApiKey(prisma(), apiKey.id);
    expect(await createApiKey(prisma(), "staging")).toEqual(duplicate);
  });

  it("reports a field error when two creates race for one name", async () => {
    const results = await Promise.all([createApiKey(prisma(), "race"), createApiKey(prisma(), "race")]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] } }]);
  });

  it("stores the SHA-256 hash and display prefix, never the key", async () => {
    const { key, apiKey } = await created("hash-only");
    const rows = await prisma().$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM api_keys WHERE id = ${apiKey.id}::uuid`;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.key_hash).toBe(hashApiKey(key));
    expect(row.key_prefix).toBe(key.slice(0, 12));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(12));
  });

  it("lists views without hashes, active keys first", async () => {
    const list = await listApiKeys(prisma());
    expect(list.length).toBeGreaterThanOrEqual(5);
    for (const view of list) expect(Object.keys(view).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scope"]);
    const firstRevoked = list.findIndex((view) => view.revokedAt !== null);
    expect(firstRevoked).toBeGreaterThan(0);
    expect(list.slice(firstRevoked).every((view) => view.revokedAt !== null)).toBe(true);
  });

  it("writes lastUsedAt at most once a minute per key", async () => {
    const { key, apiKey } = await created("busy");
    const lastUsed = async () => (await listApiKeys(prisma())).find((view) => view.id === apiKey.id)?.lastUsedAt;
    const t0 = new Date("2030-06-01T12:00:00.000Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const update = vi.spyOn(prisma().apiKey, "updateMany");

    expect(await authenticateApiKey(prisma(), key, t0)).not.toBeNull();
    await settleLastUsedWrites();
    expect(await lastUsed()).toBe(t0.toISOString());

    for (const ms of [1_000, 30_000, 59_999]) expect(await authenticateApiKey(prisma(), key, at(ms))).not.toBeNull();
    await settleLastUsedWrites();
    expect(await lastUsed()).toBe(t0.toISOString());

    expect(await authenticateApiKey(prisma(), key, at(60_000))).not.toBeNull();
    await settleLastUsedWrites();
    expect(await lastUsed()).toBe(at(60_000).toISOString());
    expect(update).toHaveBeenCalledTimes(2);
    update.mockRestore();
  });
});
