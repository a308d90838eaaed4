import { describeFilter, formatPercent } from "./describe-rule";
import type { RoutingSettings } from "./routing-schema";

/**
 * The one line on a destination card: "10 % of traces from production-app where model contains gpt".
 * Key names come from the caller (the card has them; ids alone mean nothing to a person).
 */

const MAX_NAMED_KEYS = 3;
/** Beyond this many conditions the card says how many instead of spelling them out. */
const MAX_SPELLED_RULES = 4;

function describeKeys(ids: string[], keyNamesById: Readonly<Record<string, string>>): string {
  const names = ids.map((id) => (Object.hasOwn(keyNamesById, id) ? keyNamesById[id] : undefined) ?? "an unknown key");
  if (names.length === 1) return names[0] as string;
  if (names.length > MAX_NAMED_KEYS) {
    return `${names.slice(0, MAX_NAMED_KEYS).join(", ")} or ${names.length - MAX_NAMED_KEYS} more keys`;
  }
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function describeFilterShort(filter: NonNullable<RoutingSettings["filter_rules"]>): string {
  const ruleCount = filter.groups.reduce((sum, group) => sum + group.rules.length, 0);
  if (ruleCount <= MAX_SPELLED_RULES) return describeFilter(filter);
  const groups = filter.groups.length;
  const which = groups === 1 ? (filter.groups[0]?.logic === "or" ? "any" : "all") : filter.logic === "or" ? "any" : "all";
  return groups === 1
    ? `${which} of ${ruleCount} conditions match`
    : `${which} of ${groups} rule groups match (${ruleCount} conditions)`;
}

export function summarizeRouting(settings: RoutingSettings, keyNamesById: Readonly<Record<string, string>>): string {
  if (settings.api_key_ids !== null && settings.api_key_ids.length === 0) {
    return "Sends nothing: no API key is selected.";
  }
  const share = settings.sampling_rate >= 1 ? "All traces" : `${formatPercent(settings.sampling_rate)} of traces`;
  const keys = settings.api_key_ids === null ? "" : ` from ${describeKeys(settings.api_key_ids, keyNamesById)}`;
  const filter = settings.filter_rules === null ? "" : ` where ${describeFilterShort(settings.filter_rules)}`;
  return `${share}${keys}${filter}`;
}
