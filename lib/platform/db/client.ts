import "server-only";
import { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { openDatabase, type OpenDatabase } from "./open-database";

// One database handle per server process. Kept on globalThis so Next.js dev-mode reloads and the
// several module graphs of a production build (instrumentation, route handlers, server actions) share
// it: an embedded PGlite directory must never be opened twice.
const globalForDb = globalThis as unknown as { broadcastDb?: Promise<OpenDatabase> };

export function getDatabase(): Promise<OpenDatabase> {
  globalForDb.broadcastDb ??= openDatabase().catch((error) => {
    globalForDb.broadcastDb = undefined;
    throw error;
  });
  return globalForDb.broadcastDb;
}

export async function db(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}
