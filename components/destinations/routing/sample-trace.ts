import type { RoutableTrace } from "@/lib/core/routing/routable-trace";

/** What "Try rules" starts with: every field a rule can test, in the rules' own names. */
export function sampleRoutableTrace(apiKeyName: string): RoutableTrace {
  return {
    trace_id: "sample-trace-1",
    model: "openai/gpt-4o",
    provider: "OpenAI",
    session_id: "session-1",
    user_id: "user-42",
    api_key_name: apiKeyName,
    finish_reason: "stop",
    input: { messages: [{ role: "user", content: "What is the capital of France?" }] },
    output: "Paris.",
    total_cost: 0.0021,
    total_tokens: 30,
    prompt_tokens: 12,
    completion_tokens: 18,
    metadata: { env: "production" },
  };
}

/** The edited sample, or why it is not one. */
export function parseSampleTrace(text: string): { ok: true; trace: RoutableTrace } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The sample is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, message: "The sample must be a JSON object." };
  const trace = value as Record<string, unknown>;
  if (typeof trace.trace_id !== "string" || trace.trace_id === "") return { ok: false, message: "The sample needs a trace_id (sampling hashes it)." };
  if (trace.metadata !== undefined && (typeof trace.metadata !== "object" || trace.metadata === null || Array.isArray(trace.metadata))) {
    return { ok: false, message: "metadata must be an object." };
  }
  return { ok: true, trace: trace as RoutableTrace };
}
