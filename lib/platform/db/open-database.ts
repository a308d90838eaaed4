import { mkdir } from "node:fs/promises";
import { PrismaClient, type Prisma } from "@/lib/platform/db/generated/prisma/client";

type PrismaClientOptions = Prisma.PrismaClientOptions;
import { describeDatabaseTarget, resolveDatabaseTarget, type DatabaseTarget } from "./database-target";
import { applyMigrations, readMigrations } from "./migrate";
import { pgliteConnection, postgresConnection } from "./sql-connection";

export type OpenDatabase = {
  prisma: PrismaClient;
  target: DatabaseTarget;
  description: string;
  close(): Promise<void>;
};

// PostgreSQL's defaults size its caches for a database server with the machine to itself
// (shared_buffers 128 MB); inside the app's process every page of them stays resident for good
// (WebAssembly memory never shrinks). The embedded queue's working set is the newest few thousand
// rows, and the OS page cache still holds the files, so small buffers cost nothing measurable
// (docs/performance.md) and save about 150 MB of RSS.
const PGLITE_MEMORY_SETTINGS = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 16MB", "temp_buffers = 2MB"];

/** Opens the configured store, applies pending migrations, and returns a Prisma client on it. */
export async function openDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Promise<OpenDatabase> {
  const migrations = await readMigrations();
  const description = describeDatabaseTarget(target);

  if (target.kind === "postgres") {
    const { Client } = await import("pg");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      await applyMigrations(await postgresConnection(client), migrations);
    } finally {
      await client.end();
    }
    // A bounded connect: with the server gone, ingest answers 503 and the workers back off at once
    // instead of each waiting on a connection that never comes.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 }) });
    return { prisma, target, description, close: () => prisma.$disconnect() };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true });
  const pglite = new PGlite({ ...(target.dataDir ? { dataDir: target.dataDir } : {}), postgresqlconf: PGLITE_MEMORY_SETTINGS });
  await pglite.waitReady;
  await applyMigrations(await pgliteConnection(pglite), migrations);
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime
  // contract is the same (checked by the integration tests), only the declared types lag.
  const adapter = new PrismaPGlite(pglite) as unknown as NonNullable<PrismaClientOptions["adapter"]>;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    target,
    description,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
