"use client";
import * as React from "react";
import { CircleAlert, PauseCircle, Play } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { DestinationHealth } from "@/lib/delivery/delivery-health";
import { currentError, formatBytes, formatCount, formatTimeAgo, formatUtc } from "./delivery-format";
import { useResumeDelivery } from "./delivery-query";
import { useNow } from "./delivery-use-now";

type Props = { health: DestinationHealth; name: string };

/** Pause (with Resume), counts, last success and error, and the most recent deliveries. */
export function DeliveryHealthSummary({ health, name }: Props) {
  const now = useNow(5_000);
  const idBase = `delivery-${health.destinationId}`;
  const lastError = currentError(health.lastError, health.lastSuccessAt);
  return (
    <div className="space-y-3">
      {health.pause && <PauseNotice health={health} name={name} />}
      <div className="grid grid-cols-3 gap-3 text-sm sm:grid-cols-6">
        <Stat id={`${idBase}-delivered`} term="Delivered" value={formatCount(health.counts.delivered)} />
        <Stat id={`${idBase}-pending`} term="Pending" value={formatCount(health.counts.pending)} />
        <Stat id={`${idBase}-failed`} term="Failed" value={formatCount(health.counts.failed)} />
        <Stat id={`${idBase}-files`} term="Files" value={formatCount(health.counts.files)} />
        <Stat
          id={`${idBase}-success`}
          term="Last success"
          value={<time dateTime={health.lastSuccessAt ?? undefined} title={formatUtc(health.lastSuccessAt)}>{formatTimeAgo(health.lastSuccessAt, now)}</time>}
          className="col-span-3 sm:col-span-2"
        />
      </div>
      {lastError && (
        <p className="text-xs text-muted-foreground">
          <span className="font-medium text-foreground">Last error</span>{" "}
          <time dateTime={lastError.at ?? undefined} title={formatUtc(lastError.at)}>
            {formatTimeAgo(lastError.at, now)}
          </time>
          : {lastError.message} <code className="font-mono">({lastError.code})</code>
        </p>
      )}
      <RecentDeliveries health={health} />
    </div>
  );
}

// A named group per figure, not a <dl>: a group's name is what assistive technology (and a test's
// role locator) reads, while <dd> elements carry no name of their own.
function Stat({ id, term, value, className }: { id: string; term: string; value: React.ReactNode; className?: string }) {
  return (
    <div role="group" aria-labelledby={id} className={className}>
      <p id={id} className="text-xs text-muted-foreground">
        {term}
      </p>
      <p className="mt-0.5 font-medium tabular-nums">{value}</p>
    </div>
  );
}

function PauseNotice({ health, name }: Props) {
  const resume = useResumeDelivery();
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  const pause = health.pause;
  if (!pause) return null;
  return (
    <Alert tone="danger" role="alert" icon={<PauseCircle className="text-destructive" />}>
      <p className="font-medium">Delivery paused: {pause.message || "unknown error"}</p>
      <p className="text-muted-foreground">
        <code className="font-mono text-xs">{pause.code}</code> since {formatUtc(pause.at)}. Traces wait in the backlog. Fix the
        settings (Edit, test, save) or fix the bucket, then resume.
      </p>
      {resume.isError && (
        <p className="flex items-center gap-1.5 text-destructive">
          <CircleAlert aria-hidden className="size-3.5" /> {resume.error.message}
        </p>
      )}
      <Button size="sm" variant="outline" disabled={!canEdit || resume.isPending} {...viewerLock} onClick={() => resume.mutate(health.destinationId)}>
        <Play aria-hidden className="size-3.5" />
        {resume.isPending ? "Resuming…" : "Resume"}
        <span className="sr-only"> {name}</span>
      </Button>
    </Alert>
  );
}

function RecentDeliveries({ health }: { health: DestinationHealth }) {
  if (health.recent.length === 0) return <p className="text-xs text-muted-foreground">No deliveries yet.</p>;
  return (
    <details className="group text-sm">
      <summary className="cursor-pointer text-xs font-medium text-muted-foreground hover:text-foreground">
        Recent deliveries ({health.recent.length})
      </summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-xs">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Key</th>
              <th scope="col" className="py-1 pr-3 font-medium">Delivered</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Size</th>
              <th scope="col" className="py-1 text-right font-medium">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {health.recent.map((row) => (
              <tr key={`${row.key}-${row.deliveredAt}`} className="border-t">
                <td className="py-1 pr-3 font-mono break-all">{row.key}</td>
                <td className="py-1 pr-3 whitespace-nowrap">{formatUtc(row.deliveredAt)}</td>
                <td className="py-1 pr-3 text-right tabular-nums whitespace-nowrap">{formatBytes(row.bytes)}</td>
                <td className="py-1 text-right tabular-nums">{row.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
