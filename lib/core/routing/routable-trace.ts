import { buildTraceFile, type JsonValue, type TraceFile } from "@/lib/core/trace/trace-file";
import type { NormalizedEvent } from "@/lib/core/trace/trace-event-schema";

/**
 * What filter rules see of a trace. Keys are the rule field names verbatim, so the evaluator
 * looks fields up without a mapping table and the "Try rules" sample reads like the rules.
 * null (or a missing key) means the trace does not have the field: `exists` is false for it.
 */
export type RoutableTrace = {
  /** The id sampling hashes: the trace file's id (trace.trace_id, else the event id). */
  trace_id: string;
  model?: string | null;
  provider?: string | null;
  session_id?: string | null;
  user_id?: string | null;
  api_key_name?: string | null;
  finish_reason?: string | null;
  /** The prompt as sent, before Privacy Mode drops it. */
  input?: JsonValue;
  output?: JsonValue;
  total_cost?: number | null;
  total_tokens?: number | null;
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  metadata?: Record<string, JsonValue>;
};

function firstGeneration(file: TraceFile) {
  return file.observations.find((observation) => observation.type === "generation");
}

/**
 * Built through the trace file (without Privacy Mode, since rules on input/output must run
 * before content is dropped) so the trace id and the total-tokens fallback have one home.
 */
export function buildRoutableTrace(event: NormalizedEvent, ctx: { apiKeyName: string }): RoutableTrace {
  return routableTraceOfFile(buildTraceFile(event, { apiKeyName: ctx.apiKeyName, privacyMode: false }));
}

/**
 * What rules see of a trace file (an OpenTelemetry trace is stored as one): its first generation's
 * fields. The file must be the one before Privacy Mode, so rules on input/output still apply.
 */
export function routableTraceOfFile(file: TraceFile): RoutableTrace {
  const generation = firstGeneration(file);
  return {
    trace_id: file.id,
    model: generation?.model ?? null,
    provider: generation?.provider ?? null,
    session_id: file.sessionId,
    user_id: file.userId,
    api_key_name: file.apiKeyName,
    finish_reason: generation?.finishReason ?? null,
    input: generation?.input ?? null,
    output: generation?.output ?? null,
    total_cost: generation?.cost.total ?? null,
    total_tokens: generation?.usage.totalTokens ?? null,
    prompt_tokens: generation?.usage.promptTokens ?? null,
    completion_tokens: generation?.usage.completionTokens ?? null,
    metadata: file.metadata,
  };
}
