import path from "node:path";
import { getEnv } from "@/lib/platform/env/env";

// Which store this process talks to. DATABASE_URL set (postgres://) → PostgreSQL, shared by several
// app instances; unset → embedded PGlite under ./data/ (one process at a time, by design).
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string | null };

type DatabaseEnv = { DATABASE_URL?: string; BROADCAST_DATA_DIR?: string };

/** The env schema has already checked DATABASE_URL's scheme. */
export function resolveDatabaseTarget(env: DatabaseEnv = getEnv()): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  // "memory://" is for tests that want a throw-away database.
  if (env.BROADCAST_DATA_DIR === "memory://") return { kind: "pglite", dataDir: null };
  return { kind: "pglite", dataDir: path.join(resolveDataDir(env), "pglite") };
}

// Also called by scripts/rotate-keys.ts with the raw environment.
export function resolveDataDir(env: { BROADCAST_DATA_DIR?: string } & Record<string, unknown> = getEnv()): string {
  return path.resolve(/*turbopackIgnore: true*/ env.BROADCAST_DATA_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "data"));
}

/** A loggable description that never includes a password from the URL. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return target.dataDir ? `embedded PGlite at ${target.dataDir}` : "embedded PGlite in memory";
  try {
    const u = new URL(target.url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
