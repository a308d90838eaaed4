import { describe, expect, it } from "vitest";
import { issuesByPath, routingSettingsSchema, type RoutingSettingsInput } from "./routing-schema";

function errorsOf(input: unknown): Record<string, string[]> {
  const result = routingSettingsSchema.safeParse(input);
  if (result.success) throw new Error("expected the settings to be refused");
  return issuesByPath(result.error);
}

const withRule = (rule: Record<string, unknown>): unknown => ({
  filter_rules: { logic: "and", groups: [{ logic: "and", rules: [rule] }] },
});

describe("routingSettingsSchema", () => {
  it("defaults to every trace from every key", () => {
    expect(routingSettingsSchema.parse({})).toEqual({ sampling_rate: 1, api_key_ids: null, filter_rules: null });
  });

  it("accepts OpenRouter's shape and defaults a missing logic to and", () => {
    const input: RoutingSettingsInput = {
      sampling_rate: 0.1,
      api_key_ids: ["k1", "k2"],
      filter_rules: {
        groups: [
          { rules: [{ field: "model", operator: "contains", value: "gpt" }] },
          { logic: "or", rules: [{ field: "metadata.env", operator: "exists" }, { field: "total_cost", operator: "gt", value: 0.5 }] },
        ],
      },
    };
    expect(routingSettingsSchema.parse(input)).toEqual({
      sampling_rate: 0.1,
      api_key_ids: ["k1", "k2"],
      filter_rules: {
        logic: "and",
        groups: [
          { logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }] },
          { logic: "or", rules: [{ field: "metadata.env", operator: "exists" }, { field: "total_cost", operator: "gt", value: 0.5 }] },
        ],
      },
    });
  });

  it("keeps [] (sends nothing) apart from null (every key)", () => {
    expect(routingSettingsSchema.parse({ api_key_ids: [] }).api_key_ids).toEqual([]);
  });

  it("drops a null value on exists", () => {
    const parsed = routingSettingsSchema.parse(withRule({ field: "model", operator: "exists", value: null }));
    expect(parsed.filter_rules?.groups[0]?.rules[0]).toEqual({ field: "model", operator: "exists" });
  });

  it.each<[unknown, Record<string, string[]>]>([
    [{ sampling_rate: 0 }, { sampling_rate: ["Sampling rate must be at least 0.0001."] }],
    [{ sampling_rate: 1.5 }, { sampling_rate: ["Sampling rate must be at most 1."] }],
    [{ sampling_rate: "0.5" }, { sampling_rate: ["Sampling rate must be a number."] }],
    [{ api_key_ids: "k1" }, { api_key_ids: ["api_key_ids must be null (all keys) or a list of key ids."] }],
    [{ api_key_ids: ["k1", "k2", "k1"] }, { "api_key_ids.2": ["This key is listed twice."] }],
    [{ filter_rules: { logic: "and", groups: [] } }, { "filter_rules.groups": ["Add a group, or set filter_rules to null to send every trace."] }],
    [{ filter_rules: { logic: "xor", groups: [{ rules: [{ field: "model", operator: "exists" }] }] } }, { "filter_rules.logic": ['Logic must be "and" or "or".'] }],
    [{ filter_rules: { groups: [{ logic: "and", rules: [] }] } }, { "filter_rules.groups.0.rules": ["A group needs at least one rule."] }],
    [withRule({ field: "modle", operator: "equals", value: "x" }), { "filter_rules.groups.0.rules.0.field": ["Unknown field; use one of the listed fields or metadata.<key>."] }],
    [withRule({ field: "metadata.", operator: "exists" }), { "filter_rules.groups.0.rules.0.field": ["Unknown field; use one of the listed fields or metadata.<key>."] }],
    [withRule({ field: "model", operator: "like", value: "x" }), { "filter_rules.groups.0.rules.0.operator": ["Choose an operator."] }],
    [withRule({ field: "model", operator: "gt", value: 3 }), { "filter_rules.groups.0.rules.0.operator": ["gt compares numbers; model is a text field."] }],
    [withRule({ field: "input", operator: "lte", value: 3 }), { "filter_rules.groups.0.rules.0.operator": ["lte compares numbers; input is a content field."] }],
    [withRule({ field: "total_cost", operator: "contains", value: "1" }), { "filter_rules.groups.0.rules.0.operator": ["contains matches text; total_cost is a number field."] }],
    [withRule({ field: "total_cost", operator: "gt", value: "1" }), { "filter_rules.groups.0.rules.0.value": ["Value must be a number."] }],
    [withRule({ field: "total_tokens", operator: "equals", value: "100" }), { "filter_rules.groups.0.rules.0.value": ["Value must be a number."] }],
    [withRule({ field: "metadata.n", operator: "gte" }), { "filter_rules.groups.0.rules.0.value": ["Enter a value."] }],
    [withRule({ field: "model", operator: "equals", value: 4 }), { "filter_rules.groups.0.rules.0.value": ["Value must be text."] }],
    [withRule({ field: "model", operator: "contains", value: "" }), { "filter_rules.groups.0.rules.0.value": ["Enter the text to look for."] }],
    [withRule({ field: "metadata.env", operator: "starts_with", value: 1 }), { "filter_rules.groups.0.rules.0.value": ["Value must be text."] }],
    [withRule({ field: "model", operator: "exists", value: "x" }), { "filter_rules.groups.0.rules.0.value": ["exists takes no value."] }],
    [withRule({ field: "model", operator: "not_exists", value: 0 }), { "filter_rules.groups.0.rules.0.value": ["not_exists takes no value."] }],
    [withRule({ field: "model", operator: "regex", value: "(gpt" }), { "filter_rules.groups.0.rules.0.value": ["Invalid regular expression (RE2 syntax): missing closing ): `(gpt`."] }],
    [withRule({ field: "input", operator: "regex", value: "[ab]{200}" }), { "filter_rules.groups.0.rules.0.value": ["Regular expression is too complex; use fewer or smaller repetitions."] }],
    [withRule({ field: "model", operator: "equals", value: { a: 1 } }), { "filter_rules.groups.0.rules.0.value": ["Value must be text or a number."] }],
    [withRule({ field: "model", operator: "equals", value: "x", extra: 1 }), { "filter_rules.groups.0.rules.0": ['Unrecognized key: "extra"'] }],
  ])("refuses %j with errors by path", (input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  it("accepts every operator on metadata with a value of the right type", () => {
    const rules = [
      { field: "metadata.n", operator: "gt", value: 1 },
      { field: "metadata.n", operator: "equals", value: 1 },
      { field: "metadata.env", operator: "equals", value: "prod" },
      { field: "metadata.env", operator: "regex", value: "^p" },
      { field: "metadata.a.b", operator: "not_exists" },
    ];
    expect(routingSettingsSchema.safeParse({ filter_rules: { groups: [{ rules }] } }).success).toBe(true);
  });

  it("reports a problem in a later group at that group's path", () => {
    const errors = errorsOf({
      filter_rules: {
        groups: [
          { rules: [{ field: "model", operator: "exists" }] },
          { rules: [{ field: "model", operator: "exists" }, { field: "user_id", operator: "lt", value: 1 }] },
        ],
      },
    });
    expect(Object.keys(errors)).toEqual(["filter_rules.groups.1.rules.1.operator"]);
  });
});
