import type { JsonValue } from "@/lib/core/trace/trace-file";
import { metadataKeyOf, type RuleField } from "./routing-fields";
import type { RoutableTrace } from "./routable-trace";

/** The trace's value for a rule field; undefined when the trace does not have it (absent or null). */
export function readField(trace: RoutableTrace, field: RuleField): JsonValue | undefined {
  const key = metadataKeyOf(field);
  const value =
    key === null
      ? (trace[field as Exclude<keyof RoutableTrace, "metadata" | "trace_id">] as JsonValue | undefined)
      : trace.metadata && Object.hasOwn(trace.metadata, key)
        ? trace.metadata[key]
        : undefined;
  return value === null ? undefined : value;
}

// Structured prompts are stringified once per value, however many rules and destinations read them.
const jsonTextCache = new WeakMap<object, string>();

/**
 * The text text operators and text equality match: a string is itself; anything else (numbers,
 * booleans, the objects and arrays of a chat prompt) is its compact JSON text, as in the
 * trace file. So inside structured input a quote reads `\"` and a line break `\n`.
 */
export function textOfValue(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  let text = jsonTextCache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonTextCache.set(value, text);
  }
  return text;
}

/** A short, single-line view of a value for the "Try rules" explanation. */
export function previewOfValue(value: JsonValue, max = 80): string {
  const text = typeof value === "string" ? JSON.stringify(value) : textOfValue(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
