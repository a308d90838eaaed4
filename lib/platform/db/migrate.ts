import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlConnection } from "./sql-connection";

// Applies prisma/migrations/*/migration.sql in order and records each in Prisma's own
// `_prisma_migrations` table, so `prisma migrate status` agrees wherever the CLI can run. We cannot use
// `prisma migrate deploy` itself: offline it needs the Rust schema engine, and its JavaScript engine
// fails against a real PostgreSQL server (docs/architecture.md).

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function applyMigrations(conn: SqlConnection, migrations: Migration[]): Promise<string[]> {
  return conn.withLock(async () => {
    await conn.exec(CREATE_TABLE);
    const rows = await conn.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const done: string[] = [];
    for (const m of migrations) {
      const row = applied.get(m.name);
      if (row?.finished_at) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied. Add a new migration instead of editing an applied one.`);
        }
        continue;
      }
      if (row) {
        throw new Error(`Migration ${m.name} failed earlier and is half-applied. Fix the database by hand, then delete its row from _prisma_migrations.`);
      }
      const id = randomUUID();
      // The whole migration and its record commit together, so a crash never leaves it half-done.
      await conn.exec("BEGIN");
      try {
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await conn.exec(m.sql);
        await conn.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await conn.exec("COMMIT");
      } catch (error) {
        await conn.exec("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  });
}
