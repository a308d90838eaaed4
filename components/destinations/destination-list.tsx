"use client";
import * as React from "react";
import { CircleAlert, CircleCheck, Plus, Server } from "lucide-react";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MAX_DESTINATIONS, type DestinationView } from "@/lib/destinations/destination-view";
import { DestinationCard } from "./destination-card";
import { useDeleteDestination } from "../broadcast-switch/settings-query";

type DestinationListProps = {
  destinations: DestinationView[];
  isBroadcastEnabled: boolean;
  /** A message about the last finished action, e.g. a save. */
  notice: string | null;
  /** Set when this list replaces a view that had focus (the editor), so focus lands on its heading. */
  shouldTakeFocus: boolean;
  onAdd: () => void;
  onEdit: (id: string) => void;
};

export function DestinationList({ destinations, isBroadcastEnabled, notice, shouldTakeFocus, onAdd, onEdit }: DestinationListProps) {
  const remove = useDeleteDestination();
  const isFull = destinations.length >= MAX_DESTINATIONS;
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();
  const heading = React.useRef<HTMLHeadingElement>(null);

  // Mount only: the list has just replaced the editor, whose controls held focus.
  const [takesFocus] = React.useState(shouldTakeFocus);
  React.useEffect(() => {
    if (takesFocus) heading.current?.focus();
  }, [takesFocus]);

  // The deleted card held focus (its dialog returns focus to the Delete button, which is gone).
  const deleteDestination = (id: string) => remove.mutate(id, { onSettled: () => heading.current?.focus() });

  return (
    <section aria-labelledby="destinations-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-0.5">
          <h2
            id="destinations-heading"
            ref={heading}
            tabIndex={-1}
            className="text-lg font-semibold outline-none"
          >
            Destinations
          </h2>
          <p className="text-sm text-muted-foreground">
            {destinations.length} of {MAX_DESTINATIONS} buckets. Each enabled one receives every trace.
          </p>
        </div>
        <Button onClick={onAdd} disabled={isFull || !canEdit} {...viewerLock} aria-describedby={isFull ? "destination-limit" : viewerLock["aria-describedby"]}>
          <Plus aria-hidden className="size-4" />
          Add destination
        </Button>
      </div>

      {isFull && (
        <p id="destination-limit" className="text-sm text-muted-foreground">
          You have reached the limit of {MAX_DESTINATIONS} destinations. Delete one to add another.
        </p>
      )}
      {notice && (
        <Alert tone="success" role="status" icon={<CircleCheck className="text-success" />}>
          <p>{notice}</p>
        </Alert>
      )}
      {remove.isError && (
        <Alert tone="danger" role="alert" icon={<CircleAlert className="text-destructive" />}>
          <p>Could not delete the destination: {remove.error.message}</p>
        </Alert>
      )}

      {destinations.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed bg-card px-6 py-12 text-center">
          <span className="flex size-10 items-center justify-center rounded-full bg-muted">
            <Server aria-hidden className="size-5 text-muted-foreground" />
          </span>
          <p className="font-medium">No destinations yet</p>
          <p className="max-w-sm text-sm text-muted-foreground">
            Add an S3, Cloudflare R2 or MinIO bucket. Broadcast writes one JSON file per trace into it, under a path you
            choose.
          </p>
        </div>
      ) : (
        <ul className="space-y-4">
          {destinations.map((destination) => (
            <li key={destination.id}>
              <DestinationCard
                destination={destination}
                isBroadcastEnabled={isBroadcastEnabled}
                onEdit={() => onEdit(destination.id)}
                onDelete={() => deleteDestination(destination.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
