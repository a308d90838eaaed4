import type * as React from "react";
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
  // Below the md breakpoint each entry stacks as a card with its labels; explicit roles keep the table
  // semantics that display:block would otherwise drop for screen readers.
  return (
    <Card className="overflow-hidden">
      <table role="table" className="block w-full text-sm md:table">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead className="sr-only md:not-sr-only md:table-header-group">
          <tr role="row" className="text-left text-xs text-muted-foreground">
            {COLUMNS.map((column) => (
              <th key={column} role="columnheader" className="px-4 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block md:table-row-group">
          {entries.map((entry) => (
            <tr key={entry.id} role="row" className="block border-t px-4 py-3 align-top md:table-row md:p-0">
              <Cell label="When (UTC)" className="whitespace-nowrap">
                {entry.createdAt.replace("T", " ").slice(0, 19)}
              </Cell>
              <Cell label="Who" className="break-all">
                {entry.actorEmail}
              </Cell>
              <Cell label="Action" className="font-mono text-xs">
                {entry.action}
              </Cell>
              <Cell label="Target" className="break-words">
                {entry.target}
              </Cell>
              <Cell label="Before" className="text-xs break-all">
                {formatValues(entry.before)}
              </Cell>
              <Cell label="After" className="text-xs break-all">
                {formatValues(entry.after)}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

const COLUMNS = ["When (UTC)", "Who", "Action", "Target", "Before", "After"] as const;

/** A cell that shows its column's name beside the value when rows are stacked (screen readers get the header). */
function Cell({ label, className, children }: { label: (typeof COLUMNS)[number]; className?: string; children: React.ReactNode }) {
  return (
    <td role="cell" className={`flex gap-2 py-0.5 md:table-cell md:px-4 md:py-2 ${className ?? ""}`}>
      <span aria-hidden="true" className="w-24 shrink-0 text-xs text-muted-foreground md:hidden">
        {label}
      </span>
      <span className="min-w-0">{children}</span>
    </td>
  );
}
