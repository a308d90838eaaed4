"use client";
import { summarizeRouting } from "@/lib/core/routing/routing-summary";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { useApiKeyList } from "./use-api-key-names";
import { toRoutingSettings } from "@/lib/destinations/destination-fields";

/** The card's one line: "10 % of traces from production-app where model contains gpt". */
export function RoutingSummaryLine({ destination }: { destination: DestinationView }) {
  const { namesById } = useApiKeyList();
  const settings = toRoutingSettings(destination);
  return <span data-testid="routing-summary">{summarizeRouting(settings, namesById)}</span>;
}
