import type { JsonValue } from "@/lib/core/trace/trace-file";
import { fieldKindOf } from "./routing-fields";
import type { FilterRule } from "./routing-schema";
import type { RoutableTrace } from "./routable-trace";
import { previewOfValue, readField, textOfValue } from "./rule-values";
import { compileSafeRegex, MAX_REGEX_SUBJECT_CHARS } from "./safe-regex";

/**
 * One condition against one trace. Semantics (also in README.md):
 * - A field is missing when the trace lacks it or it is null. `exists` / `not_exists` test that.
 * - On a missing field every other operator is false, except the negations `not_equals` and
 *   `not_contains`, which are always exactly `!equals` / `!contains` (a trace without a model
 *   does not contain "gpt"). So a rule and its negation together always cover every trace.
 * - Text matching is case-sensitive; use `regex` with `(?i)` for case-insensitive matching.
 * - gt/lt/gte/lte (and equals with a number) need the trace's value to be a JSON number.
 */

export type RuleOutcome = {
  matched: boolean;
  /** Why: the field was missing, had the wrong type, or was compared. */
  reason: "missing" | "not_a_number" | "invalid_rule" | "compared";
  /** What the trace held, shortened; never given for input/output (prompt text stays out of logs). */
  actual?: string;
};

type Comparison = { matched: boolean; reason: RuleOutcome["reason"] };

const compared = (matched: boolean): Comparison => ({ matched, reason: "compared" });

function matchText(operator: FilterRule["operator"], text: string, needle: string): Comparison {
  switch (operator) {
    case "contains":
      return compared(text.includes(needle));
    case "not_contains":
      return compared(!text.includes(needle));
    case "starts_with":
      return compared(text.startsWith(needle));
    case "ends_with":
      return compared(text.endsWith(needle));
    case "regex": {
      const compiled = compileSafeRegex(needle);
      if (!compiled.ok) return { matched: false, reason: "invalid_rule" };
      return compared(compiled.regex.test(text.length > MAX_REGEX_SUBJECT_CHARS ? text.slice(0, MAX_REGEX_SUBJECT_CHARS) : text));
    }
    default:
      return { matched: false, reason: "invalid_rule" };
  }
}

function isEqual(actual: JsonValue, expected: string | number): boolean {
  return typeof expected === "number" ? actual === expected : textOfValue(actual) === expected;
}

function compareNumbers(operator: FilterRule["operator"], actual: number, expected: number): boolean {
  switch (operator) {
    case "gt":
      return actual > expected;
    case "lt":
      return actual < expected;
    case "gte":
      return actual >= expected;
    default:
      return actual <= expected;
  }
}

function compare(rule: FilterRule, actual: JsonValue | undefined): Comparison {
  const { operator, value } = rule;
  if (operator === "exists") return compared(actual !== undefined);
  if (operator === "not_exists") return compared(actual === undefined);
  const isNegation = operator === "not_equals" || operator === "not_contains";
  if (actual === undefined) return { matched: isNegation, reason: "missing" };
  if (value === undefined) return { matched: false, reason: "invalid_rule" };
  switch (operator) {
    case "equals":
      return compared(isEqual(actual, value));
    case "not_equals":
      return compared(!isEqual(actual, value));
    case "gt":
    case "lt":
    case "gte":
    case "lte":
      if (typeof value !== "number") return { matched: false, reason: "invalid_rule" };
      if (typeof actual !== "number") return { matched: false, reason: "not_a_number" };
      return compared(compareNumbers(operator, actual, value));
    default:
      return typeof value === "string" ? matchText(operator, textOfValue(actual), value) : { matched: false, reason: "invalid_rule" };
  }
}

export function evaluateRule(rule: FilterRule, trace: RoutableTrace): RuleOutcome {
  const actual = readField(trace, rule.field);
  const outcome: RuleOutcome = compare(rule, actual);
  if (actual !== undefined && fieldKindOf(rule.field) !== "content") outcome.actual = previewOfValue(actual);
  return outcome;
}
