import type { Operator } from "./routing-fields";
import type { FilterGroup, FilterRule, FilterRules } from "./routing-schema";

/** How the card and the "Try rules" explanation say each operator. */
const OPERATOR_WORDS: Record<Operator, string> = {
  equals: "is",
  not_equals: "is not",
  contains: "contains",
  not_contains: "does not contain",
  regex: "matches",
  starts_with: "starts with",
  ends_with: "ends with",
  gt: ">",
  lt: "<",
  gte: "≥",
  lte: "≤",
  exists: "is set",
  not_exists: "is not set",
};

// Plain words read better on a card ("model contains gpt"); anything with spaces or quotes is quoted.
const PLAIN_VALUE = /^[\w.\/:@+-]+$/;

function describeValue(rule: FilterRule): string {
  const { value } = rule;
  if (value === undefined) return "";
  if (typeof value === "number") return ` ${value}`;
  if (rule.operator === "regex") return ` /${value}/`;
  return ` ${PLAIN_VALUE.test(value) ? value : JSON.stringify(value)}`;
}

/** `model contains gpt`, `total_cost > 0.01`, `metadata.env is set`. */
export function describeRule(rule: FilterRule): string {
  return `${rule.field} ${OPERATOR_WORDS[rule.operator]}${describeValue(rule)}`;
}

export function describeGroup(group: FilterGroup): string {
  return group.rules.map(describeRule).join(` ${group.logic} `);
}

/** Groups in parentheses only when there is more than one and the inner text joins several rules. */
export function describeFilter(filter: FilterRules): string {
  if (filter.groups.length === 1 && filter.groups[0]) return describeGroup(filter.groups[0]);
  return filter.groups
    .map((group) => (group.rules.length > 1 ? `(${describeGroup(group)})` : describeGroup(group)))
    .join(` ${filter.logic} `);
}

/** 0.1 → "10 %", 0.0001 → "0.01 %", 0.07 → "7 %" (rounded so float noise never shows). */
export function formatPercent(rate: number): string {
  return `${Number((rate * 100).toFixed(4))} %`;
}
