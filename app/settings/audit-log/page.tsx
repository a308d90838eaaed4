import type { Metadata } from "next";
import { AuditLogFilters, AuditLogPager } from "@/components/audit-log/audit-log-filters";
import { AuditLogTable } from "@/components/audit-log/audit-log-table";
import { parseAuditQuery, searchAuditLog } from "@/lib/audit-log/audit-query";
import { requirePageSession } from "@/lib/platform/auth/session";
import { db } from "@/lib/platform/db/client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Owners and admins: the log names people and shows every setting's history.
  await requirePageSession("admin");
  const query = parseAuditQuery(await searchParams);
  const result = await searchAuditLog(await db(), query);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Audit Log</h1>
        <p className="text-sm text-muted-foreground">
          Who signed in, tested or changed which setting, destination, switch, API key or user, and when (newest first). Secrets and passwords are never recorded.
        </p>
      </header>
      <AuditLogFilters query={query} actions={result.actions} />
      <AuditLogTable entries={result.entries} />
      <AuditLogPager query={query} result={result} />
    </div>
  );
}
