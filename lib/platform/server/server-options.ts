import os from "node:os";

// How `npm start` lays out its work (README, "Scaling"): which parts run in this process
// (BROADCAST_ROLE), how many processes share the port (BROADCAST_WORKERS, PostgreSQL only) and how
// many threads send the PutObjects (BROADCAST_S3_THREADS). Read once at start-up; a bad value stops
// the server with one message.

export const ROLES = ["all", "ingest", "delivery", "web"] as const;
export type Role = (typeof ROLES)[number];

export type ServerOptions = {
  role: Role;
  /** Processes serving the port (node:cluster); 1 = this process alone. */
  workers: number;
  s3Threads: number;
};

/** What a role runs: the ingest endpoints, Next.js's pages and actions, the delivery workers. */
export const ROLE_PARTS: Record<Role, { ingest: boolean; pages: boolean; delivery: boolean }> = {
  all: { ingest: true, pages: true, delivery: true },
  ingest: { ingest: true, pages: false, delivery: false },
  delivery: { ingest: false, pages: false, delivery: true },
  web: { ingest: true, pages: true, delivery: false },
};

const MAX_S3_THREADS = 16;

export function readServerOptions(env: Record<string, string | undefined>, cores = os.availableParallelism()): ServerOptions {
  const rawRole = env.BROADCAST_ROLE?.trim() || "all";
  if (!(ROLES as readonly string[]).includes(rawRole)) {
    throw new Error(`BROADCAST_ROLE must be one of ${ROLES.join(", ")}; got "${rawRole}".`);
  }
  const rawWorkers = env.BROADCAST_WORKERS?.trim() || "1";
  const workers = rawWorkers === "auto" ? cores : Number(rawWorkers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new Error(`BROADCAST_WORKERS must be a whole number from 1 to 64, or "auto" (one per core); got "${rawWorkers}".`);
  }
  if (workers > 1 && !env.DATABASE_URL?.trim()) {
    throw new Error("BROADCAST_WORKERS above 1 needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only.");
  }
  const rawThreads = env.BROADCAST_S3_THREADS?.trim() || "1";
  const s3Threads = Number(rawThreads);
  if (!Number.isInteger(s3Threads) || s3Threads < 0 || s3Threads > MAX_S3_THREADS) {
    throw new Error(`BROADCAST_S3_THREADS must be a whole number from 0 (PutObjects on the main thread) to ${MAX_S3_THREADS}; got "${rawThreads}".`);
  }
  return { role: rawRole as Role, workers, s3Threads };
}
