import { z } from "zod";
import {
  fieldKindOf,
  isNumberOperator,
  isPresenceOperator,
  isTextOperator,
  OPERATORS,
  operatorsFor,
  type Operator,
  type RuleField,
} from "./routing-fields";
import { compileSafeRegex } from "./safe-regex";

/**
 * Routing settings in the API's shape (OpenRouter's field names). The destination form and
 * the destinations API embed `routingSettingsShape`; problems are reported at the exact path
 * (`filter_rules.groups.0.rules.1.value`) so the rule builder can show them beside the input.
 */

export const MIN_SAMPLING_RATE = 0.0001;
export const MAX_API_KEY_IDS = 100;
export const MAX_GROUPS = 20;
export const MAX_RULES_PER_GROUP = 20;
export const MAX_RULE_TEXT_LENGTH = 1000;

export const LOGICS = ["and", "or"] as const;
export type Logic = (typeof LOGICS)[number];

const logicSchema = z.enum(LOGICS, { error: 'Logic must be "and" or "or".' });

function valueProblem(field: string, operator: Operator, value: unknown): string | undefined {
  const kind = fieldKindOf(field);
  if (kind === null) return undefined; // reported on the field itself
  if (isPresenceOperator(operator)) return value == null ? undefined : `${operator} takes no value.`;
  if (value == null) return "Enter a value.";
  if (isNumberOperator(operator) || (kind === "number" && typeof value !== "number")) {
    return typeof value === "number" && Number.isFinite(value) ? undefined : "Value must be a number.";
  }
  if (isTextOperator(operator)) {
    if (typeof value !== "string") return "Value must be text.";
    if (operator === "regex") {
      const compiled = compileSafeRegex(value);
      return compiled.ok ? undefined : compiled.message;
    }
    return value.length === 0 ? "Enter the text to look for." : undefined;
  }
  // equals / not_equals: text fields compare text; metadata may compare either.
  if (kind !== "metadata" && typeof value !== "string") return "Value must be text.";
  return undefined;
}

const ruleValueSchema = z.union([z.string().max(MAX_RULE_TEXT_LENGTH), z.number()], {
  error: "Value must be text or a number.",
});

export const filterRuleSchema = z
  .strictObject({
    field: z
      .string({ error: "Choose a field." })
      .refine((field) => fieldKindOf(field) !== null, {
        error: "Unknown field; use one of the listed fields or metadata.<key>.",
      }),
    operator: z.enum(OPERATORS, { error: "Choose an operator." }),
    value: ruleValueSchema.nullish(),
  })
  .superRefine((rule, ctx) => {
    const kind = fieldKindOf(rule.field);
    if (kind === null) return;
    if (!operatorsFor(kind).includes(rule.operator)) {
      const what = isNumberOperator(rule.operator) ? "compares numbers" : "matches text";
      ctx.addIssue({ code: "custom", path: ["operator"], message: `${rule.operator} ${what}; ${rule.field} is a ${kind} field.` });
      return;
    }
    const problem = valueProblem(rule.field, rule.operator, rule.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  })
  .transform((rule) => ({
    field: rule.field as RuleField,
    operator: rule.operator,
    ...(rule.value == null ? {} : { value: rule.value }),
  }));

export const filterGroupSchema = z.strictObject({
  // OpenRouter's group logic is optional; "and" is what a list of conditions reads as.
  logic: logicSchema.default("and"),
  rules: z
    .array(filterRuleSchema)
    .min(1, { error: "A group needs at least one rule." })
    .max(MAX_RULES_PER_GROUP, { error: `A group holds at most ${MAX_RULES_PER_GROUP} rules.` }),
});

export const filterRulesSchema = z.strictObject({
  logic: logicSchema.default("and"),
  groups: z
    .array(filterGroupSchema)
    .min(1, { error: "Add a group, or set filter_rules to null to send every trace." })
    .max(MAX_GROUPS, { error: `At most ${MAX_GROUPS} groups.` }),
});

const apiKeyIdsSchema = z
  .array(z.string().min(1).max(128), { error: "api_key_ids must be null (all keys) or a list of key ids." })
  .max(MAX_API_KEY_IDS, { error: `At most ${MAX_API_KEY_IDS} keys.` })
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) ctx.addIssue({ code: "custom", path: [index], message: "This key is listed twice." });
    });
  });

export const routingSettingsShape = {
  sampling_rate: z
    .number({ error: "Sampling rate must be a number." })
    .min(MIN_SAMPLING_RATE, { error: `Sampling rate must be at least ${MIN_SAMPLING_RATE}.` })
    .max(1, { error: "Sampling rate must be at most 1." })
    .default(1),
  /** null: every key; a list: only those keys; [] sends nothing. */
  api_key_ids: apiKeyIdsSchema.nullable().default(null),
  /** null: no filter. */
  filter_rules: filterRulesSchema.nullable().default(null),
};

export const routingSettingsSchema = z.strictObject(routingSettingsShape);

export type FilterRule = z.output<typeof filterRuleSchema>;
export type FilterGroup = z.output<typeof filterGroupSchema>;
export type FilterRules = z.output<typeof filterRulesSchema>;
export type RoutingSettings = z.output<typeof routingSettingsSchema>;
export type RoutingSettingsInput = z.input<typeof routingSettingsSchema>;

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = { sampling_rate: 1, api_key_ids: null, filter_rules: null };

/** Issues keyed by their dotted path (`filter_rules.groups.0.rules.1.value`), as react-hook-form names fields. */
export function issuesByPath(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    (out[path] ??= []).push(issue.message);
  }
  return out;
}
