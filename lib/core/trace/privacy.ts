import { stripContentAttributes } from "@/lib/core/otlp/content-attributes";
import type { TraceFile } from "./trace-file-schema";

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
