/**
 * The vocabulary of filter rules, in OpenRouter's names. The rule schema, the evaluator, the
 * summary text and the UI's rule builder all read these lists, so they cannot disagree.
 */

export const TEXT_FIELDS = ["model", "provider", "session_id", "user_id", "api_key_name", "finish_reason"] as const;
export const NUMBER_FIELDS = ["total_cost", "total_tokens", "prompt_tokens", "completion_tokens"] as const;
/** The prompt and the completion: any JSON value, matched through its text (see textOfValue). */
export const CONTENT_FIELDS = ["input", "output"] as const;
export const METADATA_PREFIX = "metadata.";
export const MAX_METADATA_KEY_LENGTH = 128;

export const FIXED_FIELDS = [...TEXT_FIELDS, ...CONTENT_FIELDS, ...NUMBER_FIELDS] as const;

export type FixedField = (typeof FIXED_FIELDS)[number];
export type RuleField = FixedField | `metadata.${string}`;
export type FieldKind = "text" | "number" | "content" | "metadata";

export const TEXT_OPERATORS = ["contains", "not_contains", "regex", "starts_with", "ends_with"] as const;
export const EQUALITY_OPERATORS = ["equals", "not_equals"] as const;
export const NUMBER_OPERATORS = ["gt", "lt", "gte", "lte"] as const;
export const PRESENCE_OPERATORS = ["exists", "not_exists"] as const;
export const OPERATORS = [...EQUALITY_OPERATORS, ...TEXT_OPERATORS, ...NUMBER_OPERATORS, ...PRESENCE_OPERATORS] as const;

export type Operator = (typeof OPERATORS)[number];
export type TextOperator = (typeof TEXT_OPERATORS)[number];
export type NumberOperator = (typeof NUMBER_OPERATORS)[number];

const TEXT_FIELD_SET: ReadonlySet<string> = new Set(TEXT_FIELDS);
const NUMBER_FIELD_SET: ReadonlySet<string> = new Set(NUMBER_FIELDS);
const CONTENT_FIELD_SET: ReadonlySet<string> = new Set(CONTENT_FIELDS);

export function isTextOperator(operator: Operator): operator is TextOperator {
  return (TEXT_OPERATORS as readonly string[]).includes(operator);
}

export function isNumberOperator(operator: Operator): operator is NumberOperator {
  return (NUMBER_OPERATORS as readonly string[]).includes(operator);
}

export function isPresenceOperator(operator: Operator): boolean {
  return operator === "exists" || operator === "not_exists";
}

/** The metadata key of `metadata.<key>` (taken whole: `metadata.a.b` is the key "a.b"), else null. */
export function metadataKeyOf(field: string): string | null {
  return field.startsWith(METADATA_PREFIX) ? field.slice(METADATA_PREFIX.length) : null;
}

/** null for a name that is no field at all. */
export function fieldKindOf(field: string): FieldKind | null {
  if (TEXT_FIELD_SET.has(field)) return "text";
  if (NUMBER_FIELD_SET.has(field)) return "number";
  if (CONTENT_FIELD_SET.has(field)) return "content";
  const key = metadataKeyOf(field);
  return key !== null && key.length > 0 && key.length <= MAX_METADATA_KEY_LENGTH ? "metadata" : null;
}

/**
 * Which operators make sense on a kind of field. Metadata values can be text or numbers, so
 * they accept every operator; the value's type then decides at evaluation.
 */
export function operatorsFor(kind: FieldKind): readonly Operator[] {
  switch (kind) {
    case "text":
    case "content":
      return [...EQUALITY_OPERATORS, ...TEXT_OPERATORS, ...PRESENCE_OPERATORS];
    case "number":
      return [...EQUALITY_OPERATORS, ...NUMBER_OPERATORS, ...PRESENCE_OPERATORS];
    case "metadata":
      return OPERATORS;
  }
}
