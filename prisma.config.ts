import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The CLI is used offline only for `generate` and `migrate diff` (to write new migration SQL); an
// in-memory PGlite gives it a PostgreSQL-dialect engine without downloading Prisma's Rust engines.
// Migrations are applied at start by lib/platform/db/migrate.ts, on PGlite and PostgreSQL alike.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // Cast: the adapter is typed against an older @prisma/driver-adapter-utils (same runtime contract).
  adapter: async () => new PrismaPGlite(new PGlite()) as never,
});
