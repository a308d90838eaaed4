import { mkdir } from "node:fs/promises";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

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
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
    return { prisma, target, description, close: () => prisma.$disconnect() };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true });
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
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
