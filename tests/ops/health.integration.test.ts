import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { readMigrations } from "@/lib/platform/db/migrate";
import { serveHealth, serveReadiness } from "@/lib/health/health-routes";
import type { ReadinessDeps } from "@/lib/health/readiness";
import { findFreePort } from "../s3/free-port";

vi.mock("server-only", () => ({}));

// /api/health and /api/ready in each state, on a real database (and a PostgreSQL URL nobody listens on).

describe("health and readiness", () => {
  let database: OpenDatabase;
  let unreachable: PrismaClient;
  const deps = (over: Partial<ReadinessDeps> = {}): ReadinessDeps => ({
    prisma: async () => database.prisma,
    workerState: () => "running",
    shuttingDown: () => false,
    ...over,
  });
  const ready = async (over: Partial<ReadinessDeps> = {}) => {
    const response = await serveReadiness(deps(over));
    return { status: response.status, body: await response.json(), cache: response.headers.get("cache-control") };
  };

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
    const port = await findFreePort();
    unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgres://user:hunter2-secret@127.0.0.1:${port}/none`, connectionTimeoutMillis: 1_000 }) });
  });
  afterAll(async () => {
    await unreachable?.$disconnect();
    await database?.close();
  });

  it("health answers while the process is up", async () => {
    const response = serveHealth();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("ready when the database answers, every migration is applied and the workers run", async () => {
    const { status, body, cache } = await ready();
    expect(status).toBe(200);
    expect(cache).toBe("no-store");
    expect(body.status).toBe("ready");
    expect(body.checks.database).toEqual({ ok: true });
    expect(body.checks.migrations).toEqual({ ok: true, detail: `${(await readMigrations()).length} applied` });
    expect(body.checks.workers).toEqual({ ok: true });
    expect((await ready({ workerState: () => "disabled" })).status).toBe(200);
  });

  it("503 naming the database when it cannot be reached, without the URL or its password", async () => {
    const { status, body } = await ready({ prisma: async () => unreachable });
    expect(status).toBe(503);
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.database.error).toMatch(/cannot be reached/);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect((await ready({ prisma: async () => Promise.reject(new Error("open failed")) })).status).toBe(503);
  });

  it("503 naming a migration that is not applied", async () => {
    const expected = (await readMigrations()).map((m) => m.name);
    const { status, body } = await ready({ expectedMigrations: async () => [...expected, "29990101000000_future"] });
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: false }, workers: { ok: true } });
    expect(body.checks.migrations.error).toContain("29990101000000_future");
  });

  it("503 naming the workers while they are not running, and while shutting down", async () => {
    for (const state of ["not-started", "starting", "failed", "stopping"]) {
      const { status, body } = await ready({ workerState: () => state });
      expect(status).toBe(503);
      expect(body.checks.workers).toEqual({ ok: false, error: `The delivery workers are ${state}.` });
    }
    const shutting = await ready({ shuttingDown: () => true });
    expect(shutting.status).toBe(503);
    expect(shutting.body.checks.workers).toEqual({ ok: false, error: "Shutting down." });
  });
});
