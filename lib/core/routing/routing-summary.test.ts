import { describe, expect, it } from "vitest";
import { describeFilter, describeRule, formatPercent } from "./describe-rule";
import { routingSettingsSchema, type RoutingSettingsInput } from "./routing-schema";
import { summarizeRouting } from "./routing-summary";

const names = { k1: "production-app", k2: "staging", k3: "batch", k4: "ci", k5: "notebook" };
const summary = (input: RoutingSettingsInput) => summarizeRouting(routingSettingsSchema.parse(input), names);
const gpt = { field: "model", operator: "contains", value: "gpt" } as const;

describe("summarizeRouting", () => {
  it("reads like the card's example", () => {
    expect(summary({ sampling_rate: 0.1, api_key_ids: ["k1"], filter_rules: { groups: [{ rules: [gpt] }] } })).toBe(
      "10 % of traces from production-app where model contains gpt",
    );
  });

  it.each<[RoutingSettingsInput, string]>([
    [{}, "All traces"],
    [{ sampling_rate: 0.0001 }, "0.01 % of traces"],
    [{ sampling_rate: 0.07 }, "7 % of traces"],
    [{ api_key_ids: [] }, "Sends nothing: no API key is selected."],
    [{ api_key_ids: ["k1", "k2"] }, "All traces from production-app or staging"],
    [{ api_key_ids: ["k1", "k2", "k3"] }, "All traces from production-app, staging or batch"],
    [{ api_key_ids: ["k1", "k2", "k3", "k4", "k5"] }, "All traces from production-app, staging, batch or 2 more keys"],
    [{ api_key_ids: ["gone"] }, "All traces from an unknown key"],
    [{ filter_rules: { groups: [{ logic: "or", rules: [gpt, { field: "total_cost", operator: "gte", value: 0.5 }] }] } }, "All traces where model contains gpt or total_cost ≥ 0.5"],
    [
      { filter_rules: { logic: "or", groups: [{ rules: [gpt, { field: "metadata.env", operator: "exists" }] }, { rules: [{ field: "user_id", operator: "equals", value: "a b" }] }] } },
      'All traces where (model contains gpt and metadata.env is set) or user_id is "a b"',
    ],
    [{ filter_rules: { groups: [{ rules: [gpt, gpt, gpt, gpt, gpt] }] } }, "All traces where all of 5 conditions match"],
    [{ filter_rules: { logic: "or", groups: [{ rules: [gpt, gpt, gpt] }, { rules: [gpt, gpt] }] } }, "All traces where any of 2 rule groups match (5 conditions)"],
  ])("%j → %s", (input, expected) => expect(summary(input)).toBe(expected));
});

describe("describeRule", () => {
  it.each([
    [{ field: "model", operator: "not_equals", value: "x" }, "model is not x"],
    [{ field: "input", operator: "not_contains", value: "secret key" }, 'input does not contain "secret key"'],
    [{ field: "model", operator: "regex", value: "^gpt-4" }, "model matches /^gpt-4/"],
    [{ field: "model", operator: "starts_with", value: "openai/" }, "model starts with openai/"],
    [{ field: "model", operator: "ends_with", value: "-mini" }, "model ends with -mini"],
    [{ field: "total_tokens", operator: "gt", value: 1000 }, "total_tokens > 1000"],
    [{ field: "total_tokens", operator: "lt", value: 10 }, "total_tokens < 10"],
    [{ field: "total_cost", operator: "lte", value: 0.01 }, "total_cost ≤ 0.01"],
    [{ field: "metadata.env", operator: "not_exists" }, "metadata.env is not set"],
  ] as const)("%j → %s", (rule, expected) => expect(describeRule(rule)).toBe(expected));

  it("joins a single group without parentheses", () => {
    expect(describeFilter({ logic: "or", groups: [{ logic: "and", rules: [gpt, gpt] }] })).toBe("model contains gpt and model contains gpt");
  });

  it("formats rates without float noise", () => {
    expect([0.5, 0.125, 0.0003, 0.29].map(formatPercent)).toEqual(["50 %", "12.5 %", "0.03 %", "29 %"]);
  });
});
