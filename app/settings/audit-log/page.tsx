import type { Metadata } from "next";
import { AuditLogTable } from "@/components/audit-log/audit-log-table";
import { listAuditLog } from "@/lib/audit-log/record-audit";
import { requirePageSession } from "@/lib/platform/auth/session";
import { db } from "@/lib/platform/db/client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage() {
  // Owners and admins: the log names people and shows every setting's history.
  await requirePageSession("admin");
  const entries = await listAuditLog(await db());
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Audit Log</h1>
        <p className="text-sm text-muted-foreground">
          Who changed which setting, destination, switch, API key or user, and when (newest first, last 200). Secrets are never recorded.
        </p>
      </header>
      <AuditLogTable entries={entries} />
    </div>
  );
}
