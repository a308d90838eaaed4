"use client";
import { CircleAlert, CircleCheck, Clock, Send } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describeTestTraceResult } from "./delivery-format";
import { useSendTestTrace } from "./delivery-query";

const ICONS = {
  success: <CircleCheck className="text-success" />,
  warning: <Clock />,
  danger: <CircleAlert className="text-destructive" />,
} as const;

/** Sends one synthetic trace through the real queue to this destination and shows what happened. */
export function DeliveryTestTrace({ destinationId, name }: { destinationId: string; name: string }) {
  const send = useSendTestTrace();
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  const notice = send.data ? describeTestTraceResult(send.data) : null;

  return (
    <div className="space-y-2">
      <Button size="sm" variant="outline" disabled={!canEdit || send.isPending} {...viewerLock} onClick={() => send.mutate(destinationId)}>
        <Send aria-hidden className="size-3.5" />
        {send.isPending ? "Sending test trace…" : "Send Test Trace"}
        <span className="sr-only"> to {name}</span>
      </Button>
      {send.isError && (
        <Alert tone="danger" role="alert" icon={ICONS.danger}>
          <p>Could not send a test trace: {send.error.message}</p>
        </Alert>
      )}
      {notice && !send.isPending && (
        <Alert tone={notice.tone} role={notice.tone === "danger" ? "alert" : "status"} icon={ICONS[notice.tone]}>
          <p className="font-medium">{notice.title}</p>
          {notice.key && (
            <p className="text-muted-foreground">
              Key <code className="rounded bg-card px-1 py-0.5 font-mono text-xs break-all text-foreground">{notice.key}</code>
            </p>
          )}
          {notice.detail && <p className="text-muted-foreground">{notice.detail}</p>}
        </Alert>
      )}
    </div>
  );
}
