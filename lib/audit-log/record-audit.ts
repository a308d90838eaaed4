import type { Prisma, PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { redactAuditValue } from "./audit-values";

export type AuditActor = { id: string | null; email: string };

export type AuditEntry = {
  actor: AuditActor;
  /** Verb-first, dotted: "destination.update", "api-key.revoke", "user.role". */
  action: string;
  /** What was changed, readable on its own: `destination "Prod traces"`. */
  target: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

export type AuditLogView = {
  id: string;
  createdAt: string;
  actorEmail: string;
  action: string;
  target: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** One call per changing server action, after the change succeeded. */
export async function recordAudit(prisma: PrismaClient, entry: AuditEntry): Promise<void> {
  const before = redactAuditValue(entry.before);
  const after = redactAuditValue(entry.after);
  await prisma.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      target: entry.target,
      // redactAuditValue returned plain JSON (dates and bigints already turned into strings).
      before: (before ?? undefined) as Prisma.InputJsonObject | undefined,
      after: (after ?? undefined) as Prisma.InputJsonObject | undefined,
    },
  });
}

export async function listAuditLog(prisma: PrismaClient, limit = 200): Promise<AuditLogView[]> {
  const rows = await prisma.auditLog.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorEmail: row.actorEmail,
    action: row.action,
    target: row.target,
    before: (row.before as Record<string, unknown> | null) ?? null,
    after: (row.after as Record<string, unknown> | null) ?? null,
  }));
}
