import path from "node:path";

// Which store this process talks to. DATABASE_URL set (postgres://) → PostgreSQL, shared by several
// app instances; unset → embedded PGlite under ./data/ (one process at a time, by design).
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string | null };

export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database).");
    }
    return { kind: "postgres", url };
  }
  // "memory://" is for tests that want a throw-away database.
  if (env.BROADCAST_DATA_DIR === "memory://") return { kind: "pglite", dataDir: null };
  return { kind: "pglite", dataDir: path.join(resolveDataDir(env), "pglite") };
}

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
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
