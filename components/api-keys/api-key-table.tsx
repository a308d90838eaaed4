"use client";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";
import { apiKeyNameInPaths } from "@/lib/core/object-keys/path-template";
import { formatTimestamp } from "../ui/format-timestamp";
import { CopyableId } from "./copyable-id";

type ApiKeyTableProps = {
  keys: ApiKeyView[];
  onRevoke: (key: ApiKeyView) => void;
  /** The id being revoked right now, if any. */
  revokingId: string | null;
};

// One table for every width: from md up it is a normal table; below, each row becomes a small card
// whose cells label themselves (data-label), because six columns do not fit in 375 px.
const cell =
  "flex items-baseline justify-between gap-4 py-0.5 md:table-cell md:px-3 md:py-3 md:align-middle " +
  "before:shrink-0 before:text-muted-foreground before:content-[attr(data-label)] md:before:content-none";

export function ApiKeyTable({ keys, onRevoke, revokingId }: ApiKeyTableProps) {
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  if (keys.length === 0) {
    return <p className="px-5 py-6 text-sm text-muted-foreground">No API keys yet. Create one to start sending traces.</p>;
  }
  return (
    <table className="block w-full text-sm md:table">
      <thead className="hidden border-b text-left text-xs whitespace-nowrap text-muted-foreground md:table-header-group">
        <tr>
          <th scope="col" className="px-3 py-2 font-medium first:pl-5">Name</th>
          <th scope="col" className="px-3 py-2 font-medium">In object keys</th>
          <th scope="col" className="px-3 py-2 font-medium">Key</th>
          <th scope="col" className="px-3 py-2 font-medium">Scope</th>
          <th scope="col" className="px-3 py-2 font-medium">ID</th>
          <th scope="col" className="px-3 py-2 font-medium">Created</th>
          <th scope="col" className="px-3 py-2 font-medium">Last used</th>
          <th scope="col" className="px-3 py-2 font-medium">Status</th>
          <th scope="col" className="px-3 py-2 pr-5 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="block divide-y md:table-row-group">
        {keys.map((key) => {
          const isRevoked = key.revokedAt !== null;
          return (
            <tr key={key.id} className={cn("block px-5 py-3 md:table-row md:p-0", isRevoked && "text-muted-foreground")}>
              <th scope="row" className="block pb-1 text-left font-medium wrap-anywhere text-foreground md:table-cell md:py-3 md:pr-3 md:pl-5 md:align-middle">
                {key.name}
              </th>
              <td data-label="In object keys" className={cell}>
                <KeyNameInPaths name={key.name} />
              </td>
              <td data-label="Key" className={cn(cell, "md:whitespace-nowrap")}>
                <code className="font-mono text-xs">{key.prefix}…</code>
              </td>
              <td data-label="Scope" className={cell}>
                <Badge tone={key.scope === "admin" ? "warning" : "neutral"}>{key.scope === "admin" ? "Admin" : "Ingest"}</Badge>
              </td>
              <td data-label="ID" className={cell}>
                <CopyableId id={key.id} name={key.name} />
              </td>
              <td data-label="Created" className={cn(cell, "md:whitespace-nowrap")}>
                <time dateTime={key.createdAt}>{formatTimestamp(key.createdAt)}</time>
              </td>
              <td data-label="Last used" className={cn(cell, "md:whitespace-nowrap")}>
                {key.lastUsedAt ? <time dateTime={key.lastUsedAt}>{formatTimestamp(key.lastUsedAt)}</time> : "Never"}
              </td>
              <td data-label="Status" className={cell}>
                {key.revokedAt ? (
                  <Badge tone="danger" title={`Revoked ${formatTimestamp(key.revokedAt)}`}>Revoked</Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </td>
              <td className="flex justify-end pt-2 md:table-cell md:py-3 md:pr-5 md:pl-3 md:text-right md:align-middle">
                {!isRevoked && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" aria-label={`Revoke ${key.name}`} disabled={revokingId === key.id || !canEdit} {...viewerLock}>
                        {revokingId === key.id ? "Revoking…" : "Revoke"}
                      </Button>
                    }
                    title={`Revoke “${key.name}”?`}
                    description="Applications using this key are refused (401) from their next request. This cannot be undone, and the name stays taken."
                    confirmLabel="Revoke"
                    onConfirm={() => onRevoke(key)}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What `{apiKeyName}` becomes in object keys, said out loud when it differs from the name. */
function KeyNameInPaths({ name }: { name: string }) {
  const segment = apiKeyNameInPaths(name);
  return (
    <span className="min-w-0 text-right md:text-left">
      <code className="font-mono text-xs break-all">{segment}</code>
      {segment !== name && (
        <span className="block text-xs text-muted-foreground">rewritten: paths keep only letters, digits, dots, dashes and underscores</span>
      )}
    </span>
  );
}
