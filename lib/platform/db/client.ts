import "server-only";
import { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { openDatabase, type OpenDatabase } from "./open-database";

// One database handle per server process, in the runtime container so every module graph of a
// Next.js build shares it: an embedded PGlite directory must never be opened twice.
const database = runtimeSlot("database", () =>
  openDatabase().catch((error) => {
    // A failed open may be retried by the next caller.
    database.clear();
    throw error;
  }),
);

export function getDatabase(): Promise<OpenDatabase> {
  return database.get();
}

export async function db(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}
