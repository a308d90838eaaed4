import os from "node:os";
import type { Env } from "@/lib/platform/env/env";
import type { ServerRole } from "@/lib/platform/env/env-schema";

// How `npm start` lays out its work (README, "Scaling"): which parts run in this process
// (BROADCAST_ROLE), how many processes share the port (BROADCAST_WORKERS, PostgreSQL only) and how
// many threads send the PutObjects (BROADCAST_S3_THREADS). The env schema validates the values.

export type ServerOptions = {
  role: ServerRole;
  /** Processes serving the port (node:cluster); 1 = this process alone. */
  workers: number;
  s3Threads: number;
};

/** What a role runs: the ingest endpoints, Next.js's pages and actions, the delivery workers. */
export const ROLE_PARTS: Record<ServerRole, { ingest: boolean; pages: boolean; delivery: boolean }> = {
  all: { ingest: true, pages: true, delivery: true },
  ingest: { ingest: true, pages: false, delivery: false },
  delivery: { ingest: false, pages: false, delivery: true },
  web: { ingest: true, pages: true, delivery: false },
};

export function serverOptionsFrom(env: Pick<Env, "BROADCAST_ROLE" | "BROADCAST_WORKERS" | "BROADCAST_S3_THREADS">, cores = os.availableParallelism()): ServerOptions {
  return {
    role: env.BROADCAST_ROLE,
    workers: env.BROADCAST_WORKERS === "auto" ? cores : env.BROADCAST_WORKERS,
    s3Threads: env.BROADCAST_S3_THREADS,
  };
}
