import type { DatabaseTarget } from "./database-target";

// The smallest surface the migration runner needs, over either driver.
export interface SqlConnection {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Serialises concurrent migrators (several app instances starting at once on PostgreSQL). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

const MIGRATION_LOCK_KEY = 727_001; // arbitrary constant shared by all Broadcast instances

export async function pgliteConnection(pglite: import("@electric-sql/pglite").PGlite): Promise<SqlConnection> {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
    // One process owns an embedded database, so there is nobody to race with.
    withLock: (fn) => fn(),
  };
}

/** Wraps one dedicated client, so the advisory lock and the migration share a session. */
export async function postgresConnection(client: import("pg").Client): Promise<SqlConnection> {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    withLock: async (fn) => {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      }
    },
  };
}

export type { DatabaseTarget };
