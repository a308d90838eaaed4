import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { AuditLogView } from "./record-audit";

// The audit log page's filters and paging, read from the URL (a plain GET form: links can be shared
// and nothing needs the browser). Bad values are dropped, not refused: a hand-edited URL shows the
// unfiltered log rather than an error page.

export const AUDIT_PAGE_SIZE = 50;

const day = z.iso.date().optional().catch(undefined);
const text = z.string().trim().max(200).optional().catch(undefined).transform((value) => value || undefined);

export const auditQuerySchema = z.object({
  action: text,
  actor: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The first value of each search parameter (Next hands repeated ones as arrays). */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const first = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return auditQuerySchema.parse(first);
}

export function auditWhere(query: AuditQuery): Prisma.AuditLogWhereInput {
  return {
    ...(query.action && { action: query.action }),
    ...(query.actor && { actorEmail: { contains: query.actor, mode: "insensitive" as const } }),
    ...((query.from || query.to) && {
      createdAt: {
        ...(query.from && { gte: new Date(`${query.from}T00:00:00.000Z`) }),
        // "to" includes its whole day (UTC).
        ...(query.to && { lt: new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000) }),
      },
    }),
  };
}

export type AuditPage = { entries: AuditLogView[]; page: number; hasOlder: boolean; actions: string[] };

export async function searchAuditLog(prisma: PrismaClient, query: AuditQuery): Promise<AuditPage> {
  const rows = await prisma.auditLog.findMany({
    where: auditWhere(query),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (query.page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1, // one more tells whether an older page exists
  });
  const actions = await prisma.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actorEmail: row.actorEmail,
      action: row.action,
      target: row.target,
      before: (row.before as Record<string, unknown> | null) ?? null,
      after: (row.after as Record<string, unknown> | null) ?? null,
    })),
    page: query.page,
    hasOlder: rows.length > AUDIT_PAGE_SIZE,
    actions: actions.map((a) => a.action),
  };
}

/** The URL of another page of the same filtered view. */
export function auditPageHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "from", "to"] as const) if (query[key]) params.set(key, query[key]);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/settings/audit-log${search ? `?${search}` : ""}`;
}
