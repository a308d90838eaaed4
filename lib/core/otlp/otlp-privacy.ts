import { applyPrivacyMode } from "@/lib/core/trace/privacy";
import type { TraceFile } from "@/lib/core/trace/trace-file-schema";
import { stripContentAttributes } from "./content-attributes";

/**
 * Privacy Mode for a file built from OpenTelemetry spans: the native rule (input and output null,
 * which already removes every content attribute and event the mapping consumed), plus every
 * remaining attribute, event attribute and metadata key whose name marks it as content.
 */
export function applyOtlpPrivacyMode(file: TraceFile): TraceFile {
  return applyPrivacyMode({ ...file, metadata: stripContentAttributes(file.metadata) });
}
