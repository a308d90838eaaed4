import {
  fieldKindOf,
  isNumberOperator,
  isPresenceOperator,
  operatorsFor,
  type Operator,
} from "@/lib/core/routing/routing-fields";
import type { Logic } from "@/lib/core/routing/routing-schema";

// The rule builder's edits as pure functions over the form's filterRules value, so the component
// only wires inputs to them (and the tests need no DOM). Values may be half-typed, hence the loose types.

export type DraftRule = { field: string; operator: Operator; value?: string | number };
export type DraftGroup = { logic: Logic; rules: DraftRule[] };
export type DraftFilter = { logic: Logic; groups: DraftGroup[] };

export const newRule = (): DraftRule => ({ field: "model", operator: "contains", value: "" });
export const newGroup = (): DraftGroup => ({ logic: "and", rules: [newRule()] });
export const newFilter = (): DraftFilter => ({ logic: "and", groups: [newGroup()] });

function mapGroup(filter: DraftFilter, index: number, edit: (group: DraftGroup) => DraftGroup | null): DraftFilter | null {
  const groups = filter.groups.flatMap((group, i) => (i === index ? [edit(group)].filter((g): g is DraftGroup => g !== null) : [group]));
  return groups.length === 0 ? null : { ...filter, groups };
}

export function addGroup(filter: DraftFilter): DraftFilter {
  return { ...filter, groups: [...filter.groups, newGroup()] };
}

export function addRule(filter: DraftFilter, group: number): DraftFilter {
  return mapGroup(filter, group, (g) => ({ ...g, rules: [...g.rules, newRule()] })) ?? filter;
}

/** Removing the last rule removes its group; removing the last group leaves no filter (null). */
export function removeRule(filter: DraftFilter, group: number, rule: number): DraftFilter | null {
  return mapGroup(filter, group, (g) => {
    const rules = g.rules.filter((_, i) => i !== rule);
    return rules.length === 0 ? null : { ...g, rules };
  });
}

export function setLogic(filter: DraftFilter, group: number | null, logic: Logic): DraftFilter {
  if (group === null) return { ...filter, logic };
  return mapGroup(filter, group, (g) => ({ ...g, logic })) ?? filter;
}

export function editRule(filter: DraftFilter, group: number, rule: number, edit: (rule: DraftRule) => DraftRule): DraftFilter {
  return mapGroup(filter, group, (g) => ({ ...g, rules: g.rules.map((r, i) => (i === rule ? edit(r) : r)) })) ?? filter;
}

/** A new field keeps the operator when it still fits, else takes the field's first one. */
export function withField(rule: DraftRule, field: string): DraftRule {
  const kind = fieldKindOf(field);
  const fits = kind === null || operatorsFor(kind).includes(rule.operator);
  const operator = fits ? rule.operator : (operatorsFor(kind)[0] as Operator);
  return withOperator({ ...rule, field }, operator);
}

/** Presence operators take no value; switching between text and number operators clears it. */
export function withOperator(rule: DraftRule, operator: Operator): DraftRule {
  if (isPresenceOperator(operator)) return { field: rule.field, operator };
  const wantsNumber = needsNumber(rule.field, operator);
  const value = rule.value === undefined || (typeof rule.value === "number") !== wantsNumber ? (wantsNumber ? undefined : "") : rule.value;
  return { field: rule.field, operator, ...(value === undefined ? {} : { value }) };
}

export function needsNumber(field: string, operator: Operator): boolean {
  return isNumberOperator(operator) || fieldKindOf(field) === "number";
}

/** What the value input typed: a number for number rules (blank stays missing), text otherwise. */
export function parseValueInput(rule: DraftRule, text: string): DraftRule {
  if (!needsNumber(rule.field, rule.operator)) return { ...rule, value: text };
  const { value: _old, ...rest } = rule;
  return text.trim() === "" ? rest : { ...rest, value: Number(text) };
}
