import { stripContentAttributes } from "@/lib/core/otlp/content-attributes";
import type { TraceFile } from "./trace-file-schema";
import type { NormalizedEvent } from "./trace-event-schema";

/**
 * Privacy mode stores that a request happened and what it cost, never what was said.
 * Prompt and completion content (including tool-call arguments, tool results and media,
 * which all live inside input/output) is dropped wholesale rather than scrubbed field by
 * field: any provider-specific shape we did not anticipate would otherwise leak through.
 * Observation attributes (OpenTelemetry spans) lose every content-bearing name.
 * Ids, names, metadata, model, provider, timing, usage, cost and finish reason are kept.
 */
export function applyPrivacyMode(file: TraceFile): TraceFile {
  return {
    ...file,
    observations: file.observations.map((observation) => ({
      ...observation,
      input: null,
      output: null,
      attributes: stripContentAttributes(observation.attributes),
    })),
    privacyMode: true,
  };
}

/**
 * Whether a delivery is written in Privacy Mode: the stricter of the destination's flag when the
 * trace was accepted (fixed on the delivery row) and its flag now. A trace queued during an outage,
 * or a dead letter replayed weeks later, never carries content to a destination that is private by
 * the time it is written; switching Privacy Mode off never reveals content accepted under it.
 */
export function isPrivateAtWrite(delivery: { privacyMode: boolean; destinationPrivacyMode: boolean }): boolean {
  return delivery.privacyMode || delivery.destinationPrivacyMode;
}

/**
 * The event as stored when every destination it goes to is in Privacy Mode: the prompt and
 * completion are never written to our own database either. What Privacy Mode keeps stays.
 */
export function withoutContent(event: NormalizedEvent): NormalizedEvent {
  const { input: _input, output: _output, ...kept } = event;
  return kept;
}
