import { describe, expect, it } from "vitest";
import { evaluateRouting } from "./evaluate-routing";
import { routingSettingsSchema, type RoutingSettingsInput } from "./routing-schema";
import type { RoutableTrace } from "./routable-trace";
import { samplingPositionOf } from "./sampling";

const trace: RoutableTrace = {
  trace_id: "trace-1",
  model: "openai/gpt-4o",
  provider: "OpenAI",
  total_cost: 0.2,
  metadata: { env: "prod" },
};
const settings = (input: RoutingSettingsInput) => routingSettingsSchema.parse(input);
const rule = {
  gpt: { field: "model", operator: "contains", value: "gpt" },
  claude: { field: "model", operator: "contains", value: "claude" },
  cheap: { field: "total_cost", operator: "lt", value: 0.1 },
  prod: { field: "metadata.env", operator: "equals", value: "prod" },
} as const;

describe("evaluateRouting", () => {
  it("sends everything with the defaults", () => {
    expect(evaluateRouting(settings({}), trace, "key-a")).toMatchObject({
      delivers: true,
      decidedBy: null,
      message: "Sent: no filter rules.",
      apiKey: { allowed: true, reason: "all_keys" },
      filter: null,
    });
  });

  it("checks the API key allowlist, and [] sends nothing", () => {
    const listed = settings({ api_key_ids: ["key-a"] });
    expect(evaluateRouting(listed, trace, "key-a")).toMatchObject({ delivers: true, apiKey: { reason: "listed" } });
    expect(evaluateRouting(listed, trace, "key-b")).toMatchObject({
      delivers: false,
      decidedBy: "api_key",
      message: "Not sent: the trace's API key is not in this destination's list.",
    });
    expect(evaluateRouting(settings({ api_key_ids: [] }), trace, "key-a")).toMatchObject({
      delivers: false,
      decidedBy: "api_key",
      apiKey: { allowed: false, reason: "no_keys" },
    });
  });

  it("samples by the trace id, reporting its position", () => {
    const position = samplingPositionOf("trace-1");
    const below = evaluateRouting(settings({ sampling_rate: Math.max(0.0001, position / 2) }), trace, "k");
    expect(below).toMatchObject({ delivers: false, decidedBy: "sampling", sampling: { position, sampledIn: false } });
    expect(below.message).toMatch(/^Not sent: sampling keeps [\d.]+ % of trace ids/);
    const above = evaluateRouting(settings({ sampling_rate: Math.min(1, position + 0.01) }), trace, "k");
    expect(above).toMatchObject({ delivers: true, sampling: { sampledIn: true } });
  });

  it("still explains the filter when an earlier check refused", () => {
    const decision = evaluateRouting(settings({ api_key_ids: [], filter_rules: { groups: [{ rules: [rule.gpt] }] } }), trace, "k");
    expect(decision.decidedBy).toBe("api_key");
    expect(decision.filter?.matched).toBe(true);
  });

  it("AND group: fails at the first failing rule and skips the rest", () => {
    const decision = evaluateRouting(settings({ filter_rules: { groups: [{ logic: "and", rules: [rule.gpt, rule.cheap, rule.prod] }] } }), trace, "k");
    expect(decision).toMatchObject({ delivers: false, decidedBy: "filter_rules", message: "Not sent: “total_cost < 0.1” is false." });
    const group = decision.filter?.groups[0];
    expect(group?.decidingRule).toBe(1);
    expect(group?.rules.map((r) => r.outcome?.matched ?? null)).toEqual([true, false, null]);
    expect(group?.rules[1]).toMatchObject({ path: "filter_rules.groups.0.rules.1", outcome: { actual: "0.2" } });
  });

  it("OR group: passes at the first match", () => {
    const decision = evaluateRouting(settings({ filter_rules: { groups: [{ logic: "or", rules: [rule.claude, rule.gpt, rule.cheap] }] } }), trace, "k");
    expect(decision).toMatchObject({ delivers: true, message: "Sent: “model contains gpt” is true." });
    expect(decision.filter?.groups[0]?.rules.map((r) => r.outcome?.matched ?? null)).toEqual([false, true, null]);
  });

  it("OR group with no match, AND group with all matching: no single rule decided", () => {
    const none = evaluateRouting(settings({ filter_rules: { groups: [{ logic: "or", rules: [rule.claude, rule.cheap] }] } }), trace, "k");
    expect(none).toMatchObject({ delivers: false, message: "Not sent: no rule matches." });
    const all = evaluateRouting(settings({ filter_rules: { groups: [{ rules: [rule.gpt, rule.prod] }] } }), trace, "k");
    expect(all).toMatchObject({ delivers: true, message: "Sent: every rule matches." });
  });

  it("groups joined by OR: (claude and prod) or (gpt and not cheap)", () => {
    const filter_rules = {
      logic: "or" as const,
      groups: [
        { logic: "and" as const, rules: [rule.claude, rule.prod] },
        { logic: "and" as const, rules: [rule.gpt, { field: "total_cost", operator: "gte", value: 0.1 } as const] },
      ],
    };
    const decision = evaluateRouting(settings({ filter_rules }), trace, "k");
    expect(decision).toMatchObject({ delivers: true, message: "Sent: group 2: every rule matches." });
    expect(decision.filter?.groups.map((g) => g.matched)).toEqual([false, true]);
    const claudeTrace = { ...trace, model: "anthropic/claude-3.5", metadata: { env: "dev" } };
    expect(evaluateRouting(settings({ filter_rules }), claudeTrace, "k")).toMatchObject({ delivers: false, message: "Not sent: no group matches." });
  });

  it("groups joined by AND stop at the first failing group", () => {
    const filter_rules = { logic: "and" as const, groups: [{ logic: "or" as const, rules: [rule.claude] }, { rules: [rule.gpt] }] };
    const decision = evaluateRouting(settings({ filter_rules }), trace, "k");
    expect(decision).toMatchObject({ delivers: false, message: "Not sent: group 1: no rule matches." });
    expect(decision.filter?.groups.map((g) => g.matched)).toEqual([false, null]);
    expect(decision.filter?.decidingGroup).toBe(0);
  });

  it("says when a missing field decided", () => {
    const decision = evaluateRouting(settings({ filter_rules: { groups: [{ rules: [{ field: "user_id", operator: "equals", value: "u1" }] }] } }), trace, "k");
    expect(decision.message).toBe("Not sent: “user_id is u1” is false (user_id is not set).");
  });
});
