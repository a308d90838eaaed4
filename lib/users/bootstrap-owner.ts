import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { getEnv, type Env } from "@/lib/platform/env/env";
import { ownerSchema } from "./user-schema";
import { countUsers, createUserWithPassword } from "./user-store";

/**
 * Unattended installs: BROADCAST_ADMIN_EMAIL + BROADCAST_ADMIN_PASSWORD create the owner at start when
 * the database has no account. Ignored once any account exists, so changing them later does nothing.
 * Returns what happened, for the start-up log (never the password).
 */
type AdminEnv = Pick<Env, "BROADCAST_ADMIN_EMAIL" | "BROADCAST_ADMIN_PASSWORD" | "BROADCAST_ADMIN_NAME">;

export async function bootstrapOwnerFromEnv(prisma: PrismaClient, env: AdminEnv = getEnv()): Promise<string | null> {
  const email = env.BROADCAST_ADMIN_EMAIL;
  const password = env.BROADCAST_ADMIN_PASSWORD;
  if (!email && !password) return null;
  // The env schema refuses one without the other; kept for callers passing their own env.
  if (!email || !password) throw new Error("Set both BROADCAST_ADMIN_EMAIL and BROADCAST_ADMIN_PASSWORD, or neither.");
  if ((await countUsers(prisma)) > 0) return null;
  const parsed = ownerSchema.safeParse({ email, password, name: env.BROADCAST_ADMIN_NAME || "Owner" });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join(" ");
    throw new Error(`BROADCAST_ADMIN_EMAIL / BROADCAST_ADMIN_PASSWORD are not usable: ${problems}`);
  }
  try {
    const owner = await createUserWithPassword(prisma, { ...parsed.data, role: "owner" }, { onlyIfNoUsers: true });
    await recordAudit(prisma, { actor: { id: null, email: "BROADCAST_ADMIN_EMAIL" }, action: "user.create-owner", target: `user ${owner.email}`, after: { email: owner.email, role: owner.role } });
    return `created the owner account ${owner.email} from BROADCAST_ADMIN_EMAIL`;
  } catch (error) {
    // Another instance starting at the same time created it first: nothing to do.
    if ((await countUsers(prisma)) > 0) return null;
    throw error;
  }
}
