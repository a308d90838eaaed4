import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Databases a reset must never empty: the maintenance database it connects through and templates.
const PROTECTED_DATABASES = new Set(["postgres", "template0", "template1"]);

/** The only variables read: a process env fits, and so does a literal in a test. */
export type DatabaseEnv = { DATABASE_URL?: string; BROADCAST_DATA_DIR?: string; [name: string]: string | undefined };

export type ResetResult =
  | { kind: "postgres"; database: string; created: boolean }
  | { kind: "pglite"; removed: string }
  | { kind: "memory" };

/**
 * Empties the store that `env` names, and nothing else: for a postgres:// DATABASE_URL its
 * database's `public` schema (creating the database first if missing); otherwise the
 * BROADCAST_DATA_DIR directory. Refuses when neither is set rather than guess at ./data.
 */
export async function resetDatabase(env: DatabaseEnv = process.env): Promise<ResetResult> {
  const url = env.DATABASE_URL?.trim();
  if (url) return resetPostgres(url);

  const dataDir = env.BROADCAST_DATA_DIR?.trim();
  if (!dataDir) throw new Error("resetDatabase: set DATABASE_URL or BROADCAST_DATA_DIR; refusing to guess which store to wipe");
  if (dataDir === "memory://") return { kind: "memory" };
  const dir = path.resolve(dataDir);
  if (dir === path.parse(dir).root || dir === process.cwd() || dir === path.resolve(process.env.HOME ?? "/")) {
    throw new Error(`resetDatabase: refusing to remove ${dir}`);
  }
  await rm(dir, { recursive: true, force: true });
  return { kind: "pglite", removed: dir };
}

async function resetPostgres(url: string): Promise<ResetResult> {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error("resetDatabase: DATABASE_URL must be a postgres:// URL");
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!database || PROTECTED_DATABASES.has(database)) {
    throw new Error(`resetDatabase: refusing to reset database "${database}"; name a database of its own`);
  }

  // CREATE DATABASE cannot run inside the database being created: go through "postgres".
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const created = await withClient(maintenance.toString(), async (client) => {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database: a parallel run created it between our check and CREATE.
      if ((error as { code?: string }).code === "42P04") return false;
      throw error;
    }
  });

  await withClient(url, (client) => client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"));
  return { kind: "postgres", database, created };
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
