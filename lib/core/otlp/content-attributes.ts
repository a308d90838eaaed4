import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import type { Attributes } from "./otlp-span";

// Which attributes carry prompt or completion content, for Privacy Mode. Decided by name, across
// every convention we map and the ones we do not know yet: a name is content-bearing when one of its
// words says prompt, completion, message, input/output, tool call, document… Numbers and booleans
// are kept whatever the name (a token count called `llm.token_count.prompt` is not content), and a
// few exact names that only describe content (its type, an id) are kept too. Erring towards removal
// is deliberate: an attribute we drop costs a column, one we keep could leak a prompt.

const CONTENT_WORDS = new Set([
  "prompt", "prompts", "completion", "completions", "message", "messages", "input", "inputs", "output", "outputs",
  "content", "contents", "text", "texts", "instructions", "choice", "choices", "arguments", "args", "result", "results",
  "document", "documents", "query", "queries", "embedding", "embeddings", "template", "variables", "value", "values",
  "object", "reasoning", "body", "chunk", "chunks", "transcript", "parameters", "tools", "definitions", "toolcalls",
  "toolcall", "question", "answer", "data",
]);

// Two-word phrases written with a separator (`tool_call`, `tool.call`, `function_call`).
const CONTENT_PAIRS = new Set(["tool call", "tool calls", "function call", "function arguments", "tool result"]);

// Names that contain a content word but only describe the content.
const KEPT_NAMES = new Set([
  "gen_ai.output.type", "input.mime_type", "output.mime_type", "gen_ai.tool.call.id", "gen_ai.tool.name",
  "gen_ai.tool.type", "gen_ai.request.choice.count", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
]);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

export function isContentAttribute(name: string, value: JsonValue): boolean {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return false;
  if (KEPT_NAMES.has(name)) return false;
  const words = wordsOf(name);
  if (words.some((w) => CONTENT_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (CONTENT_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  return false;
}

/** A copy without content-bearing attributes; nested objects (event and link attributes) are filtered too. */
export function stripContentAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (isContentAttribute(name, value) && name !== "otel.events" && name !== "otel.links") continue;
    Object.defineProperty(out, name, { value: stripNested(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function stripNested(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(stripNested);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, JsonValue>;
  if (record.attributes && typeof record.attributes === "object" && !Array.isArray(record.attributes)) {
    return { ...record, attributes: stripContentAttributes(record.attributes as Attributes) };
  }
  return value;
}
