import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import type { Attributes, OtlpEvent } from "./otlp-span";

// Prompt and completion content, from whichever convention a span uses. Each extractor returns
// the value and the attribute keys (or events) it consumed, so the rest can be kept as attributes
// without duplicating content.

export type Content = { value: JsonValue; keys: string[]; events: OtlpEvent[] };

const NONE: Content = { value: null, keys: [], events: [] };

/** Conventions send structured values as JSON text; keep the structure when it parses. */
export function parseJsonText(value: JsonValue): JsonValue {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return value;
  }
}

function present(attrs: Attributes, key: string): boolean {
  return Object.hasOwn(attrs, key) && attrs[key] !== null && attrs[key] !== "";
}

/** `prefix.0.role`, `prefix.0.content`… → [{ role, content }] (OpenLLMetry's and OpenInference's flattening). */
function indexed(attrs: Attributes, prefix: string, strip = ""): Content | null {
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.(.+)$`);
  const messages: Record<string, JsonValue>[] = [];
  const keys: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const field = (match[2] as string).startsWith(strip) ? (match[2] as string).slice(strip.length) : (match[2] as string);
    messages[index] ??= {};
    (messages[index] as Record<string, JsonValue>)[field] = parseJsonText(value);
    keys.push(key);
  }
  if (keys.length === 0) return null;
  return { value: { messages: Array.from(messages, (m) => m ?? {}) }, keys, events: [] };
}

function single(attrs: Attributes, key: string, wrap?: string): Content | null {
  if (!present(attrs, key)) return null;
  const value = parseJsonText(attrs[key] as JsonValue);
  return { value: wrap ? { [wrap]: value } : value, keys: [key], events: [] };
}

function fields(attrs: Attributes, map: Record<string, string>): Content | null {
  const value: Record<string, JsonValue> = {};
  const keys: string[] = [];
  for (const [key, name] of Object.entries(map)) {
    if (!present(attrs, key)) continue;
    value[name] = parseJsonText(attrs[key] as JsonValue);
    keys.push(key);
  }
  return keys.length > 0 ? { value, keys, events: [] } : null;
}

const INPUT_EVENT_ROLES: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

function eventMessage(event: OtlpEvent, role?: string): Record<string, JsonValue> {
  const message: Record<string, JsonValue> = role ? { role } : {};
  for (const [key, value] of Object.entries(event.attributes)) {
    // gen_ai.system on every event repeats the span's provider.
    if (key !== "gen_ai.system") message[key] = parseJsonText(value);
  }
  return message;
}

function fromEvents(events: OtlpEvent[], pick: (e: OtlpEvent) => string | null | undefined): Content | null {
  const used = events.filter((e) => pick(e) !== undefined);
  if (used.length === 0) return null;
  return { value: { messages: used.map((e) => eventMessage(e, pick(e) ?? undefined)) }, keys: [], events: used };
}

/** The newer single event that carries the current attributes (gen_ai.client.inference.operation.details). */
const DETAILS_EVENT = "gen_ai.client.inference.operation.details";

function currentConvention(attrs: Attributes, events: OtlpEvent[], keys: Record<string, string>): Content | null {
  const own = fields(attrs, keys);
  if (own) return own;
  const details = events.find((e) => e.name === DETAILS_EVENT && Object.keys(keys).some((k) => present(e.attributes, k)));
  if (!details) return null;
  const inEvent = fields(details.attributes, keys);
  return inEvent && { ...inEvent, keys: [], events: [details] };
}

export function extractInput(attrs: Attributes, events: OtlpEvent[]): Content {
  return (
    currentConvention(attrs, events, { "gen_ai.system_instructions": "system_instructions", "gen_ai.input.messages": "messages" }) ??
    indexed(attrs, "gen_ai.prompt") ??
    single(attrs, "gen_ai.prompt") ??
    fromEvents(events, (e) => INPUT_EVENT_ROLES[e.name]) ??
    indexed(attrs, "llm.input_messages", "message.") ??
    single(attrs, "input.value") ??
    single(attrs, "ai.prompt.messages", "messages") ??
    single(attrs, "ai.prompt") ??
    fields(attrs, { "ai.value": "value", "ai.values": "values" }) ??
    NONE
  );
}

export function extractOutput(attrs: Attributes, events: OtlpEvent[]): Content {
  return (
    currentConvention(attrs, events, { "gen_ai.output.messages": "messages" }) ??
    indexed(attrs, "gen_ai.completion") ??
    single(attrs, "gen_ai.completion") ??
    fromEvents(events, (e) => (e.name === "gen_ai.choice" ? null : undefined)) ??
    indexed(attrs, "llm.output_messages", "message.") ??
    single(attrs, "output.value") ??
    fields(attrs, {
      "ai.response.text": "text", "ai.response.toolCalls": "toolCalls", "ai.response.object": "object",
      "ai.response.reasoning": "reasoning", "ai.embedding": "embedding", "ai.embeddings": "embeddings",
    }) ??
    NONE
  );
}
