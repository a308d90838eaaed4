"use client";
import { CircleAlert } from "lucide-react";
import { DeliveryActivityChart } from "./delivery-activity-chart";
import { DeliveryDeadLetters } from "./delivery-dead-letters";
import { DeliveryHealthSummary } from "./delivery-health-summary";
import { useDestinationHealth } from "./delivery-query";
import { DeliveryTestTrace } from "./delivery-test-trace";

/** The delivery part of a destination card: health, dead letters and Send Test Trace. */
export function DeliveryPanel({ destinationId, name }: { destinationId: string; name: string }) {
  const { health, deadLetters, activity, isLoading, error } = useDestinationHealth(destinationId);
  const headingId = `delivery-${destinationId}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 border-t px-4 py-3 sm:px-5">
      <h4 id={headingId} className="sr-only">
        Delivery to {name}
      </h4>
      {health ? (
        <>
          <DeliveryHealthSummary health={health} name={name} />
          {activity && <DeliveryActivityChart activity={activity} name={name} />}
          <DeliveryDeadLetters destinationId={destinationId} name={name} total={health.counts.failed} deadLetters={deadLetters} />
        </>
      ) : error ? (
        <p className="flex items-center gap-1.5 text-xs text-destructive">
          <CircleAlert aria-hidden className="size-3.5" /> Could not load delivery health: {error.message}
        </p>
      ) : (
        <p className="text-xs text-muted-foreground">{isLoading ? "Loading delivery health…" : "No delivery health yet."}</p>
      )}
      <DeliveryTestTrace destinationId={destinationId} name={name} />
    </section>
  );
}
