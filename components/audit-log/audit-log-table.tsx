import { Card } from "@/components/ui/card";
import type { AuditLogView } from "@/lib/audit-log/record-audit";

function formatValues(values: Record<string, unknown> | null): string {
  if (!values || Object.keys(values).length === 0) return "—";
  return Object.entries(values)
    .map(([field, value]) => `${field}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** A server-rendered table: nothing here needs the browser. */
export function AuditLogTable({ entries }: { entries: AuditLogView[] }) {
  if (entries.length === 0) {
    return <p className="text-sm text-muted-foreground">Nothing has been changed yet.</p>;
  }
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-4 py-2 font-medium">When (UTC)</th>
            <th className="px-4 py-2 font-medium">Who</th>
            <th className="px-4 py-2 font-medium">Action</th>
            <th className="px-4 py-2 font-medium">Target</th>
            <th className="px-4 py-2 font-medium">Before</th>
            <th className="px-4 py-2 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t align-top">
              <td className="px-4 py-2 whitespace-nowrap">{entry.createdAt.replace("T", " ").slice(0, 19)}</td>
              <td className="px-4 py-2">{entry.actorEmail}</td>
              <td className="px-4 py-2 font-mono text-xs">{entry.action}</td>
              <td className="px-4 py-2">{entry.target}</td>
              <td className="px-4 py-2 text-xs break-all">{formatValues(entry.before)}</td>
              <td className="px-4 py-2 text-xs break-all">{formatValues(entry.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
