import { describe, expect, it } from "vitest";
import { evaluateRule } from "./evaluate-rule";
import type { FilterRule } from "./routing-schema";
import type { RoutableTrace } from "./routable-trace";
import { MAX_REGEX_SUBJECT_CHARS } from "./safe-regex";

const trace: RoutableTrace = {
  trace_id: "t-1",
  model: "openai/gpt-4o-mini",
  provider: "OpenAI",
  session_id: "s-1",
  user_id: "u-1",
  api_key_name: "production-app",
  finish_reason: "stop",
  input: { messages: [{ role: "user", content: 'say "hi"\nplease' }] },
  output: "Hello there",
  total_cost: 0.0125,
  total_tokens: 120,
  prompt_tokens: 100,
  completion_tokens: 20,
  metadata: { env: "prod", priority: 3, beta: true, tags: ["a", "b"], empty: "", nothing: null },
};

const matches = (rule: FilterRule, t: RoutableTrace = trace) => evaluateRule(rule, t).matched;

describe("text fields", () => {
  it.each<[FilterRule, boolean]>([
    [{ field: "model", operator: "equals", value: "openai/gpt-4o-mini" }, true],
    [{ field: "model", operator: "equals", value: "openai/GPT-4o-mini" }, false],
    [{ field: "provider", operator: "not_equals", value: "Anthropic" }, true],
    [{ field: "provider", operator: "not_equals", value: "OpenAI" }, false],
    [{ field: "model", operator: "contains", value: "gpt" }, true],
    [{ field: "model", operator: "contains", value: "GPT" }, false],
    [{ field: "model", operator: "not_contains", value: "claude" }, true],
    [{ field: "model", operator: "not_contains", value: "gpt" }, false],
    [{ field: "model", operator: "starts_with", value: "openai/" }, true],
    [{ field: "model", operator: "starts_with", value: "gpt" }, false],
    [{ field: "model", operator: "ends_with", value: "-mini" }, true],
    [{ field: "model", operator: "ends_with", value: "openai" }, false],
    [{ field: "model", operator: "regex", value: "^openai/gpt-4(o|\\.1)" }, true],
    [{ field: "model", operator: "regex", value: "(?i)GPT" }, true],
    [{ field: "model", operator: "regex", value: "^gpt" }, false],
    [{ field: "session_id", operator: "exists" }, true],
    [{ field: "user_id", operator: "not_exists" }, false],
    [{ field: "api_key_name", operator: "equals", value: "production-app" }, true],
    [{ field: "finish_reason", operator: "equals", value: "length" }, false],
  ])("%j → %s", (rule, expected) => expect(matches(rule)).toBe(expected));
});

describe("number fields", () => {
  it.each<[FilterRule, boolean]>([
    [{ field: "total_cost", operator: "equals", value: 0.0125 }, true],
    [{ field: "total_cost", operator: "not_equals", value: 0.0125 }, false],
    [{ field: "total_cost", operator: "gt", value: 0.01 }, true],
    [{ field: "total_cost", operator: "gt", value: 0.0125 }, false],
    [{ field: "total_tokens", operator: "gte", value: 120 }, true],
    [{ field: "total_tokens", operator: "gte", value: 121 }, false],
    [{ field: "prompt_tokens", operator: "lt", value: 101 }, true],
    [{ field: "prompt_tokens", operator: "lt", value: 100 }, false],
    [{ field: "completion_tokens", operator: "lte", value: 20 }, true],
    [{ field: "completion_tokens", operator: "lte", value: 19 }, false],
    [{ field: "total_cost", operator: "exists" }, true],
    [{ field: "total_tokens", operator: "not_exists" }, false],
  ])("%j → %s", (rule, expected) => expect(matches(rule)).toBe(expected));
});

describe("input and output: a string is matched as itself, structured content as its JSON text", () => {
  it.each<[FilterRule, boolean]>([
    [{ field: "output", operator: "equals", value: "Hello there" }, true],
    [{ field: "output", operator: "not_equals", value: "Hello" }, true],
    [{ field: "output", operator: "starts_with", value: "Hello" }, true],
    [{ field: "output", operator: "ends_with", value: "there" }, true],
    [{ field: "output", operator: "regex", value: "^Hello\\s+there$" }, true],
    [{ field: "input", operator: "contains", value: '"role":"user"' }, true],
    [{ field: "input", operator: "contains", value: "please" }, true],
    // Inside JSON text a quote is \" and a line break \n, as in the trace file.
    [{ field: "input", operator: "contains", value: 'say "hi"' }, false],
    [{ field: "input", operator: "contains", value: 'say \\"hi\\"\\nplease' }, true],
    [{ field: "input", operator: "not_contains", value: "password" }, true],
    [{ field: "input", operator: "starts_with", value: '{"messages":[' }, true],
    [{ field: "input", operator: "ends_with", value: "}]}" }, true],
    [{ field: "input", operator: "regex", value: '"content":"say' }, true],
    [{ field: "input", operator: "equals", value: '{"messages":[{"role":"user","content":"say \\"hi\\"\\nplease"}]}' }, true],
    [{ field: "input", operator: "exists" }, true],
    [{ field: "output", operator: "not_exists" }, false],
  ])("%j → %s", (rule, expected) => expect(matches(rule)).toBe(expected));

  it("never echoes prompt or completion text in the outcome", () => {
    expect(evaluateRule({ field: "input", operator: "contains", value: "please" }, trace).actual).toBeUndefined();
    expect(evaluateRule({ field: "model", operator: "contains", value: "gpt" }, trace).actual).toBe('"openai/gpt-4o-mini"');
  });

  it("lets a regex look at the first 64 Ki characters only, and contains at all of it", () => {
    const long = { ...trace, output: `${"x".repeat(MAX_REGEX_SUBJECT_CHARS)}needle` };
    expect(matches({ field: "output", operator: "regex", value: "needle" }, long)).toBe(false);
    expect(matches({ field: "output", operator: "contains", value: "needle" }, long)).toBe(true);
  });
});

describe("metadata.<key>", () => {
  it.each<[FilterRule, boolean]>([
    [{ field: "metadata.env", operator: "equals", value: "prod" }, true],
    [{ field: "metadata.env", operator: "not_equals", value: "prod" }, false],
    [{ field: "metadata.env", operator: "contains", value: "ro" }, true],
    [{ field: "metadata.env", operator: "not_contains", value: "dev" }, true],
    [{ field: "metadata.env", operator: "starts_with", value: "pr" }, true],
    [{ field: "metadata.env", operator: "ends_with", value: "od" }, true],
    [{ field: "metadata.env", operator: "regex", value: "^p.o" }, true],
    [{ field: "metadata.priority", operator: "equals", value: 3 }, true],
    [{ field: "metadata.priority", operator: "equals", value: "3" }, true], // text equality on "3"
    [{ field: "metadata.priority", operator: "gt", value: 2 }, true],
    [{ field: "metadata.priority", operator: "lt", value: 3 }, false],
    [{ field: "metadata.priority", operator: "gte", value: 3 }, true],
    [{ field: "metadata.priority", operator: "lte", value: 2 }, false],
    [{ field: "metadata.env", operator: "gt", value: 1 }, false], // not a number
    [{ field: "metadata.env", operator: "equals", value: 1 }, false],
    [{ field: "metadata.beta", operator: "equals", value: "true" }, true],
    [{ field: "metadata.tags", operator: "contains", value: '"b"' }, true],
    [{ field: "metadata.empty", operator: "exists" }, true], // "" is a value
    [{ field: "metadata.empty", operator: "equals", value: "" }, true],
    [{ field: "metadata.nothing", operator: "exists" }, false], // null is missing
    [{ field: "metadata.absent", operator: "not_exists" }, true],
    [{ field: "metadata.toString", operator: "exists" }, false], // own keys only
  ])("%j → %s", (rule, expected) => expect(matches(rule)).toBe(expected));

  it("explains a number comparison on a non-number", () => {
    expect(evaluateRule({ field: "metadata.env", operator: "gt", value: 1 }, trace).reason).toBe("not_a_number");
  });
});

describe("missing fields", () => {
  const bare: RoutableTrace = { trace_id: "t-2", model: null };
  it.each<[FilterRule, boolean]>([
    [{ field: "model", operator: "exists" }, false],
    [{ field: "model", operator: "not_exists" }, true],
    [{ field: "provider", operator: "not_exists" }, true], // absent key, same as null
    [{ field: "model", operator: "equals", value: "" }, false],
    [{ field: "model", operator: "contains", value: "gpt" }, false],
    [{ field: "model", operator: "starts_with", value: "g" }, false],
    [{ field: "model", operator: "ends_with", value: "g" }, false],
    [{ field: "model", operator: "regex", value: ".*" }, false],
    [{ field: "total_cost", operator: "lt", value: 1 }, false],
    [{ field: "total_cost", operator: "gte", value: 0 }, false],
    [{ field: "metadata.env", operator: "equals", value: "prod" }, false],
    // The negations are exact: a trace without a model does not contain "gpt".
    [{ field: "model", operator: "not_contains", value: "gpt" }, true],
    [{ field: "model", operator: "not_equals", value: "gpt" }, true],
    [{ field: "input", operator: "not_contains", value: "secret" }, true],
  ])("%j → %s", (rule, expected) => {
    const outcome = evaluateRule(rule, bare);
    expect(outcome.matched).toBe(expected);
    if (rule.operator !== "exists" && rule.operator !== "not_exists") expect(outcome.reason).toBe("missing");
  });
});

describe("rules that skipped validation (the rule builder evaluates while a person types)", () => {
  it("treats an invalid regex or a missing value as no match instead of throwing", () => {
    expect(evaluateRule({ field: "model", operator: "regex", value: "(" }, trace)).toMatchObject({ matched: false, reason: "invalid_rule" });
    expect(evaluateRule({ field: "model", operator: "contains" }, trace)).toMatchObject({ matched: false, reason: "invalid_rule" });
    expect(evaluateRule({ field: "total_cost", operator: "gt", value: "1" }, trace)).toMatchObject({ matched: false, reason: "invalid_rule" });
  });
});
