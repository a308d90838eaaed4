import { evaluateRouting } from "./evaluate-routing";
import type { RoutableTrace } from "./routable-trace";
import type { RoutingSettings } from "./routing-schema";

/**
 * The seam every ingest path calls once per trace (native and OpenTelemetry alike): which of the
 * destinations loaded for the batch get a delivery. No I/O, so a batch costs no extra queries.
 */

export type RoutedDestination = { routing: RoutingSettings };

/** True when the destination takes every trace, so the caller can skip building the routable trace. */
export function routesEverything(routing: RoutingSettings): boolean {
  return routing.sampling_rate >= 1 && routing.api_key_ids === null && routing.filter_rules === null;
}

export function selectDestinations<D extends RoutedDestination>(
  destinations: readonly D[],
  trace: RoutableTrace | (() => RoutableTrace),
  apiKeyId: string,
): D[] {
  if (destinations.every((d) => routesEverything(d.routing))) return [...destinations];
  const routable = typeof trace === "function" ? trace() : trace;
  return destinations.filter((d) => routesEverything(d.routing) || evaluateRouting(d.routing, routable, apiKeyId).delivers);
}
