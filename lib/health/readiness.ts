import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { readMigrations } from "@/lib/platform/db/migrate";

// Readiness: may this instance get traffic? Each check answers ok or names what is wrong in words an
// operator can act on, never with a connection string, a host name from the config or a secret.

export type CheckResult = { ok: true; detail?: string } | { ok: false; error: string };
export type Readiness = { ready: boolean; checks: Record<"database" | "migrations" | "workers", CheckResult> };

export type ReadinessDeps = {
  /** The database handle; throws when it cannot be opened. */
  prisma(): Promise<PrismaClient>;
  workerState(): string;
  shuttingDown(): boolean;
  /** Migration names the code expects. */
  expectedMigrations?(): Promise<string[]>;
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 2_000;

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let database: CheckResult;
  let migrations: CheckResult;
  try {
    const prisma = await within(deps.prisma(), timeoutMs);
    await within(prisma.$queryRawUnsafe("SELECT 1"), timeoutMs);
    database = { ok: true };
    migrations = await checkMigrations(prisma, deps.expectedMigrations ?? expectedMigrationNames, timeoutMs);
  } catch (error) {
    database = { ok: false, error: `The database cannot be reached: ${describe(error)}` };
    migrations = { ok: false, error: "Not checked: the database cannot be reached." };
  }
  const workers = checkWorkers(deps.workerState(), deps.shuttingDown());
  return { ready: database.ok && migrations.ok && workers.ok, checks: { database, migrations, workers } };
}

async function checkMigrations(prisma: PrismaClient, expected: () => Promise<string[]>, timeoutMs: number): Promise<CheckResult> {
  try {
    const rows = await within(
      prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      ),
      timeoutMs,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const missing = (await expected()).filter((name) => !applied.has(name));
    if (missing.length > 0) return { ok: false, error: `${missing.length} migration(s) not applied: ${missing.join(", ")}.` };
    return { ok: true, detail: `${applied.size} applied` };
  } catch (error) {
    return { ok: false, error: `The migration history cannot be read: ${describe(error)}` };
  }
}

function checkWorkers(state: string, shuttingDown: boolean): CheckResult {
  if (shuttingDown) return { ok: false, error: "Shutting down." };
  if (state === "running") return { ok: true };
  if (state === "disabled") return { ok: true, detail: "BROADCAST_DELIVERY_CONCURRENCY=0: another process delivers" };
  return { ok: false, error: `The delivery workers are ${state}.` };
}

let cachedNames: Promise<string[]> | null = null;
function expectedMigrationNames(): Promise<string[]> {
  cachedNames ??= readMigrations().then((all) => all.map((m) => m.name));
  return cachedNames;
}

// Driver messages name the failure (ECONNREFUSED, "terminating connection…") without the URL.
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\w+:\/\/\S+/g, "[url]").split("\n")[0]?.slice(0, 200) ?? "unknown error";
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
