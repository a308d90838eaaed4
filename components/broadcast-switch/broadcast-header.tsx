"use client";
import { CircleAlert, PauseCircle } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Alert } from "@/components/ui/alert";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/components/ui/cn";
import { useSetBroadcastEnabled } from "./settings-query";

/** Page title and the account-wide switch; the cached value flips at once and rolls back on error. */
export function BroadcastHeader({ enabled }: { enabled: boolean }) {
  const toggle = useSetBroadcastEnabled();
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  return (
    <header className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Broadcast</h1>
          <p className="text-sm text-muted-foreground">
            Send a copy of every LLM request trace to your own S3, Cloudflare R2 or MinIO bucket.
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2.5 rounded-lg border bg-card px-3 py-2 shadow-xs">
          <span
            aria-hidden
            className={cn("text-sm font-medium", enabled ? "text-success" : "text-muted-foreground")}
          >
            {enabled ? "On" : "Off"}
          </span>
          <Switch
            aria-label="Broadcast"
            checked={enabled}
            disabled={!canEdit}
            {...viewerLock}
            onCheckedChange={(checked) => toggle.mutate(checked)}
          />
        </div>
      </div>
      {toggle.isError && (
        <Alert tone="danger" role="alert" icon={<CircleAlert className="text-destructive" />}>
          <p>Could not change Broadcast: {toggle.error.message}</p>
        </Alert>
      )}
      {!enabled && (
        <Alert tone="warning" icon={<PauseCircle />}>
          <p className="font-medium">Broadcast is off.</p>
          <p>Nothing is written to any bucket. Your destinations stay editable and take effect when you turn it on.</p>
        </Alert>
      )}
    </header>
  );
}
