"use client";
import { CircleAlert, RotateCcw } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Button } from "@/components/ui/button";
import type { DeadLetter } from "@/lib/delivery/delivery-health";
import { formatCount, formatUtc } from "./delivery-format";
import { useReplayAllDeadLetters, useReplayDeadLetter } from "./delivery-query";

type Props = { destinationId: string; name: string; total: number; deadLetters: DeadLetter[] };

/** Deliveries that ran out of retries, each replayable (with a fresh retry horizon). */
export function DeliveryDeadLetters({ destinationId, name, total, deadLetters }: Props) {
  const replay = useReplayDeadLetter();
  const replayAll = useReplayAllDeadLetters();
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  if (total === 0) return null;
  const headingId = `dead-letters-${destinationId}`;
  const error = replay.error ?? replayAll.error;

  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border border-destructive/30 bg-destructive/5 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={headingId} className="text-sm font-medium">
          Dead letters ({formatCount(total)})
        </h4>
        <Button
          size="sm"
          variant="outline"
          disabled={!canEdit || replayAll.isPending}
          {...viewerLock}
          onClick={() => replayAll.mutate(destinationId)}
        >
          <RotateCcw aria-hidden className="size-3.5" />
          {replayAll.isPending ? "Replaying…" : "Replay all"}
          <span className="sr-only"> dead letters of {name}</span>
        </Button>
      </div>
      {total > deadLetters.length && (
        <p className="text-xs text-muted-foreground">
          Showing the newest {deadLetters.length}. Replay all sends every one of them again.
        </p>
      )}
      {error && (
        <p role="alert" className="flex items-center gap-1.5 text-xs text-destructive">
          <CircleAlert aria-hidden className="size-3.5" /> {error.message}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-xs">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Key</th>
              <th scope="col" className="py-1 pr-3 font-medium">Error</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Attempts</th>
              <th scope="col" className="py-1 pr-3 font-medium">Last attempt</th>
              <th scope="col" className="py-1"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {deadLetters.map((letter) => (
              <tr key={letter.id} className="border-t border-destructive/20 align-top">
                <th scope="row" className="py-1 pr-3 text-left font-mono font-normal break-all">{letter.key}</th>
                <td className="py-1 pr-3">
                  {letter.error || "Unknown error"}
                  {letter.errorCode && <code className="ml-1 font-mono text-muted-foreground">({letter.errorCode})</code>}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{letter.attempts}</td>
                <td className="py-1 pr-3 whitespace-nowrap">{formatUtc(letter.lastAttemptAt)}</td>
                <td className="py-1 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!canEdit || (replay.isPending && replay.variables === letter.id)}
                    {...viewerLock}
                    onClick={() => replay.mutate(letter.id)}
                  >
                    Replay<span className="sr-only"> {letter.key}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
