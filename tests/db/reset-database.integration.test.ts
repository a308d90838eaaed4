import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resetDatabase } from "./reset-database";

describe("resetDatabase on the embedded store", () => {
  it("removes exactly the BROADCAST_DATA_DIR directory", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "reset-db-"));
    const dataDir = path.join(parent, "data");
    await mkdir(path.join(dataDir, "pglite"), { recursive: true });
    await writeFile(path.join(parent, "sibling"), "keep me");
    expect(await resetDatabase({ BROADCAST_DATA_DIR: dataDir })).toEqual({ kind: "pglite", removed: dataDir });
    expect(await readdir(parent)).toEqual(["sibling"]);
    // A second reset of a missing directory is fine.
    await expect(resetDatabase({ BROADCAST_DATA_DIR: dataDir })).resolves.toMatchObject({ kind: "pglite" });
  });

  it("does nothing for the in-memory store", async () => {
    expect(await resetDatabase({ BROADCAST_DATA_DIR: "memory://" })).toEqual({ kind: "memory" });
  });

  it("refuses when the env names no store, or names a root", async () => {
    await expect(resetDatabase({})).rejects.toThrow(/refusing/);
    await expect(resetDatabase({ BROADCAST_DATA_DIR: "/" })).rejects.toThrow(/refusing/);
    await expect(resetDatabase({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" })).rejects.toThrow(/refusing/);
  });
});

// The server this suite may create a scratch database on; CI starts one before the tests.
const serverUrl = process.env.BROADCAST_TEST_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await canReachPostgres();
if (!reachable && process.env.CI) throw new Error(`CI is set but PostgreSQL at ${serverUrl} is unreachable`);
if (!reachable) console.warn(`PostgreSQL at ${serverUrl} unreachable: skipping resetDatabase's PostgreSQL tests`);

describe.skipIf(!reachable)("resetDatabase on PostgreSQL", () => {
  const database = `broadcast_reset_test_${process.pid}`;
  const url = `${serverUrl}/${database}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.end();
  });

  it("creates a missing database, then empties its public schema", async () => {
    expect(await resetDatabase({ DATABASE_URL: url })).toEqual({ kind: "postgres", database, created: true });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("CREATE TABLE public.leftover (id int); CREATE SCHEMA other; CREATE TABLE other.kept (id int);");
      expect(await resetDatabase({ DATABASE_URL: url })).toEqual({ kind: "postgres", database, created: false });
      const tables = await client.query("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'other')");
      expect(tables.rows.map((row: { name: string }) => row.name)).toEqual(["other.kept"]);
    } finally {
      await client.end();
    }
  });
});
