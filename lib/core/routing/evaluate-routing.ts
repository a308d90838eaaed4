import { describeRule, formatPercent } from "./describe-rule";
import { evaluateRule, type RuleOutcome } from "./evaluate-rule";
import type { Logic, FilterGroup, FilterRules, RoutingSettings } from "./routing-schema";
import type { RoutableTrace } from "./routable-trace";
import { checkSampling, type SamplingCheck } from "./sampling";

export type { SamplingCheck } from "./sampling";

/**
 * The one routing decision, used at ingest (does this destination get a delivery?) and by
 * "Try rules" in the browser (why?). Every check runs, so the explanation shows all three even
 * when an earlier one already refused; inside the filter, AND stops at the first failing rule
 * and OR at the first match (later ones are reported as not evaluated).
 */

export type RuleExplanation = {
  /** Where the rule lives, as the form names it. */
  path: string;
  field: string;
  description: string;
  /** null: not evaluated, the group was already decided. */
  outcome: RuleOutcome | null;
};

export type GroupExplanation = {
  logic: Logic;
  matched: boolean | null;
  rules: RuleExplanation[];
  /** The rule that settled the group (AND: the first failure; OR: the first match); null when all rules were needed. */
  decidingRule: number | null;
};

export type FilterExplanation = { logic: Logic; matched: boolean; groups: GroupExplanation[]; decidingGroup: number | null };

export type ApiKeyCheck = { allowed: boolean; reason: "all_keys" | "listed" | "not_listed" | "no_keys" };

export type RoutingDecision = {
  delivers: boolean;
  /** The first check that refused, in the order below; null when the destination gets the trace. */
  decidedBy: "api_key" | "sampling" | "filter_rules" | null;
  /** One sentence for a person. */
  message: string;
  apiKey: ApiKeyCheck;
  sampling: SamplingCheck;
  /** null: the destination has no filter. */
  filter: FilterExplanation | null;
};

function checkApiKey(allowed: RoutingSettings["api_key_ids"], apiKeyId: string): ApiKeyCheck {
  if (allowed === null) return { allowed: true, reason: "all_keys" };
  if (allowed.length === 0) return { allowed: false, reason: "no_keys" };
  return allowed.includes(apiKeyId) ? { allowed: true, reason: "listed" } : { allowed: false, reason: "not_listed" };
}

/** AND and OR over items, stopping once the answer is known. */
function settle(logic: Logic, count: number, test: (index: number) => boolean): { matched: boolean; deciding: number | null } {
  const decisive = logic === "or"; // OR is settled by a match, AND by a failure
  for (let i = 0; i < count; i++) if (test(i) === decisive) return { matched: decisive, deciding: i };
  return { matched: !decisive, deciding: null };
}

function unevaluatedGroup(group: FilterGroup, groupIndex: number): GroupExplanation {
  const rules = group.rules.map((rule, index) => ({
    path: `filter_rules.groups.${groupIndex}.rules.${index}`,
    field: rule.field,
    description: describeRule(rule),
    outcome: null,
  }));
  return { logic: group.logic, matched: null, rules, decidingRule: null };
}

function explainGroup(group: FilterGroup, groupIndex: number, trace: RoutableTrace): GroupExplanation {
  const explained = unevaluatedGroup(group, groupIndex);
  const result = settle(group.logic, group.rules.length, (index) => {
    const outcome = evaluateRule(group.rules[index] as FilterGroup["rules"][number], trace);
    (explained.rules[index] as RuleExplanation).outcome = outcome;
    return outcome.matched;
  });
  return { ...explained, matched: result.matched, decidingRule: result.deciding };
}

function explainFilter(filter: FilterRules, trace: RoutableTrace): FilterExplanation {
  const groups = filter.groups.map(unevaluatedGroup);
  const result = settle(filter.logic, filter.groups.length, (index) => {
    const explained = explainGroup(filter.groups[index] as FilterGroup, index, trace);
    groups[index] = explained;
    return explained.matched === true;
  });
  return { logic: filter.logic, matched: result.matched, groups, decidingGroup: result.deciding };
}

/** "group 2: “model contains gpt” is false", or what settled the filter when no single rule did. */
function filterReason(filter: FilterExplanation): string {
  // With one group, the group's own deciding rule is the answer even when no group "decided".
  const index = filter.decidingGroup ?? (filter.groups.length === 1 ? 0 : null);
  const group = index === null ? undefined : filter.groups[index];
  if (index === null || !group) return filter.matched ? "every group matches" : "no group matches";
  const where = filter.groups.length > 1 ? `group ${index + 1}: ` : "";
  const rule = group.decidingRule === null ? undefined : group.rules[group.decidingRule];
  if (!rule?.outcome) return `${where}${group.matched ? "every rule matches" : "no rule matches"}`;
  const missing = rule.outcome.reason === "missing" ? ` (${rule.field} is not set)` : "";
  return `${where}“${rule.description}” is ${rule.outcome.matched ? "true" : "false"}${missing}`;
}

function messageOf(decision: Omit<RoutingDecision, "message">): string {
  const { apiKey, sampling, filter } = decision;
  switch (decision.decidedBy) {
    case "api_key":
      return apiKey.reason === "no_keys"
        ? "Not sent: no API key is selected for this destination."
        : "Not sent: the trace's API key is not in this destination's list.";
    case "sampling":
      return `Not sent: sampling keeps ${formatPercent(sampling.rate)} of trace ids and this one is outside (position ${sampling.position.toFixed(4)} ≥ ${sampling.rate}).`;
    case "filter_rules":
      return `Not sent: ${filter ? filterReason(filter) : "the filter rules do not match"}.`;
    case null:
      return filter === null ? "Sent: no filter rules." : `Sent: ${filterReason(filter)}.`;
  }
}

export function evaluateRouting(settings: RoutingSettings, trace: RoutableTrace, apiKeyId: string): RoutingDecision {
  const apiKey = checkApiKey(settings.api_key_ids, apiKeyId);
  const sampling = checkSampling(settings.sampling_rate, trace.trace_id);
  const filter = settings.filter_rules === null ? null : explainFilter(settings.filter_rules, trace);
  const decidedBy = !apiKey.allowed ? "api_key" : !sampling.sampledIn ? "sampling" : filter && !filter.matched ? "filter_rules" : null;
  const decision = { delivers: decidedBy === null, decidedBy, apiKey, sampling, filter } as const;
  return { ...decision, message: messageOf(decision) };
}
