"use client";
import * as React from "react";
import { CircleAlert, Pencil, Trash2 } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { previewObjectKey } from "@/lib/core/object-keys/object-key";
import { PROVIDER_PRESETS } from "@/lib/destinations/provider-presets";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { deliveryBadge } from "../delivery/delivery-format";
import { describeFiles } from "./files-summary";
import { DeliveryPanel } from "../delivery/delivery-panel";
import { useDestinationHealth } from "../delivery/delivery-query";
import { useSetDestinationFlags, type DestinationFlags } from "../broadcast-switch/settings-query";
import { RoutingSummaryLine } from "./routing/routing-summary-line";

type DestinationCardProps = {
  destination: DestinationView;
  isBroadcastEnabled: boolean;
  onEdit: () => void;
  onDelete: () => void;
};

export function DestinationCard({ destination, isBroadcastEnabled, onEdit, onDelete }: DestinationCardProps) {
  const { id, name } = destination;
  const titleId = `destination-${id}-title`;
  const flags = useSetDestinationFlags();
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  const setFlags = (change: DestinationFlags) => flags.mutate({ id, flags: change });
  const preview = previewObjectKey(destination.pathTemplate, destination.prefix, new Date());
  const { health } = useDestinationHealth(id);
  const status = deliveryBadge(health?.status, { isEnabled: destination.enabled, isBroadcastEnabled, deadLetters: health?.counts.failed });

  return (
    <article aria-labelledby={titleId} className="rounded-lg border bg-card shadow-xs">
      <div className="flex items-start justify-between gap-3 px-4 pt-4 sm:px-5">
        <div className="min-w-0">
          <h3 id={titleId} className="font-semibold break-words">
            {name}
          </h3>
          <p className="text-xs text-muted-foreground">{PROVIDER_PRESETS[destination.provider].label}</p>
        </div>
        <Badge tone={status.tone} className="shrink-0">
          {status.label}
        </Badge>
      </div>

      <dl className="grid gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
        <Detail term="Bucket">{destination.bucketName}</Detail>
        <Detail term={destination.endpoint ? "Endpoint" : "Region"}>
          {destination.endpoint ? (
            <>
              {destination.endpoint}
              <span className="text-muted-foreground"> · {destination.region || "no region"}</span>
            </>
          ) : (
            destination.region
          )}
        </Detail>
        <Detail term="Access key">
          <span className="font-mono">{destination.accessKeyId}</span>
          <span className="text-muted-foreground"> · secret </span>
          <span className="font-mono">{destination.secretAccessKeyMask}</span>
        </Detail>
        <Detail term="Session token">
          {destination.sessionTokenMask ? <span className="font-mono">{destination.sessionTokenMask}</span> : "None"}
        </Detail>
        <Detail term="Files">{describeFiles(destination)}</Detail>
        <Detail term="Routing" className="sm:col-span-2">
          <RoutingSummaryLine destination={destination} />
        </Detail>
        <Detail term="Path" className="sm:col-span-2">
          <code suppressHydrationWarning className="font-mono text-xs break-all">
            {preview.ok ? preview.key : destination.pathTemplate}
          </code>
        </Detail>
      </dl>

      <DeliveryPanel destinationId={id} name={name} />

      {flags.isError && (
        <p role="alert" className="flex items-center gap-2 px-4 pb-3 text-sm text-destructive sm:px-5">
          <CircleAlert aria-hidden className="size-4" /> {flags.error.message}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 border-t px-4 py-3 sm:px-5">
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <InlineSwitch
            id={`destination-${id}-enabled`}
            label="Enabled"
            destinationName={name}
            checked={destination.enabled}
            onCheckedChange={(enabled) => setFlags({ enabled })}
          />
          <InlineSwitch
            id={`destination-${id}-privacy`}
            label="Privacy Mode"
            destinationName={name}
            checked={destination.privacyMode}
            onCheckedChange={(privacyMode) => setFlags({ privacyMode })}
          />
        </div>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" onClick={onEdit} disabled={!canEdit} {...viewerLock}>
            <Pencil aria-hidden className="size-3.5" />
            Edit<span className="sr-only"> {name}</span>
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10" disabled={!canEdit} {...viewerLock}>
                <Trash2 aria-hidden className="size-3.5" />
                Delete<span className="sr-only"> {name}</span>
              </Button>
            }
            title={`Delete ${name}?`}
            description="Broadcast stops writing traces to this bucket. Files already in the bucket are not touched."
            confirmLabel="Delete"
            onConfirm={onDelete}
          />
        </div>
      </div>
    </article>
  );
}

function Detail({ term, className, children }: { term: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

type InlineSwitchProps = {
  id: string;
  label: string;
  destinationName: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
};

function InlineSwitch({ id, label, destinationName, checked, onCheckedChange }: InlineSwitchProps) {
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  return (
    <div className="flex items-center gap-2">
      <Switch id={id} checked={checked} onCheckedChange={onCheckedChange} disabled={!canEdit} {...viewerLock} />
      <Label htmlFor={id}>
        {label}
        {/* Several cards have these switches: the hidden part tells them apart for screen readers. */}
        <span className="sr-only"> ({destinationName})</span>
      </Label>
    </div>
  );
}
