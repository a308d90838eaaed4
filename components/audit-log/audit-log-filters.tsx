import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { auditPageHref, type AuditPage, type AuditQuery } from "@/lib/audit-log/audit-query";

// A plain GET form: the filtered view is a URL (shareable, back button works) and needs no script.

const fieldClass = "h-9 w-full rounded-md border border-input bg-background px-3 text-sm";

export function AuditLogFilters({ query, actions }: { query: AuditQuery; actions: string[] }) {
  return (
    <form method="get" action="/settings/audit-log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto_auto] lg:items-end">
      <div className="space-y-1">
        <Label htmlFor="audit-action">Action</Label>
        <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={fieldClass}>
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="audit-actor">Actor</Label>
        <Input id="audit-actor" name="actor" placeholder="Email contains…" defaultValue={query.actor ?? ""} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
      </div>
      <Button type="submit">Filter</Button>
    </form>
  );
}

export function AuditLogPager({ query, result }: { query: AuditQuery; result: AuditPage }) {
  if (result.page === 1 && !result.hasOlder) return null;
  return (
    <nav aria-label="Audit log pages" className="flex items-center justify-between text-sm">
      {result.page > 1 ? <Link href={auditPageHref(query, result.page - 1)}>← Newer</Link> : <span />}
      <span className="text-muted-foreground">Page {result.page}</span>
      {result.hasOlder ? <Link href={auditPageHref(query, result.page + 1)}>Older →</Link> : <span />}
    </nav>
  );
}
