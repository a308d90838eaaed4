import { describe, expect, it } from "vitest";
import { applyPrivacyMode, isPrivateAtWrite, withoutContent } from "./privacy";
import { parseIngestBody, type NormalizedEvent } from "./trace-event-schema";
import { buildTraceFile, serializeTraceFile } from "./trace-file";

const NOW = new Date("2026-11-27T12:00:00Z");

// Every string a prompt or completion could leak: text, tool-call arguments, tool results, media.
const SECRETS = [
  "SECRET-SYSTEM-PROMPT",
  "what is my balance SECRET-USER-TEXT",
  "data:image/png;base64,SECRETIMAGEBYTES",
  "https://files.example.com/SECRET-IMAGE.png",
  "SECRET-ACCOUNT-4242",
  "SECRET-TOOL-RESULT",
  "SECRET-COMPLETION-TEXT",
  "SECRET-REFUSAL",
];

const EVENT = {
  id: "gen-priv",
  created_at: "2026-11-27T10:00:00Z",
  model: "openai/gpt-4o",
  provider: "OpenAI",
  input: {
    messages: [
      { role: "system", content: SECRETS[0] },
      {
        role: "user",
        content: [
          { type: "text", text: SECRETS[1] },
          { type: "image_url", image_url: { url: SECRETS[2] } },
          { type: "image_url", image_url: { url: SECRETS[3] } },
        ],
      },
      {
        role: "assistant",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "lookup", arguments: JSON.stringify({ account: SECRETS[4] }) } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: SECRETS[5] },
    ],
    tools: [{ type: "function", function: { name: "lookup", parameters: { nested: { deeper: [SECRETS[4]] } } } }],
  },
  output: {
    choices: [
      {
        message: {
          role: "assistant",
          content: SECRETS[6],
          refusal: SECRETS[7],
          tool_calls: [{ function: { name: "lookup", arguments: `{"account":"${SECRETS[4]}"}` } }],
        },
        finish_reason: "tool_calls",
      },
    ],
  },
  usage: { prompt_tokens: 120, completion_tokens: 30 },
  cost: { total: 0.002, prompt: 0.0012, completion: 0.0008 },
  latency_ms: 1234,
  finish_reason: "tool_calls",
  user: "user-42",
  session_id: "sess-1",
  trace: { trace_id: "trace-1", trace_name: "support", span_name: "agent-step", generation_name: "plan", region: "eu" },
};

function normalized(raw: unknown): NormalizedEvent {
  const result = parseIngestBody(raw, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.events[0] as NormalizedEvent;
}

describe("applyPrivacyMode", () => {
  const ctx = { apiKeyName: "prod", privacyMode: true };

  it("leaves no prompt, completion, tool-call or media content anywhere in the written file", () => {
    const line = serializeTraceFile(buildTraceFile(normalized(EVENT), ctx));
    for (const secret of SECRETS) expect(line).not.toContain(secret);
    expect(line).not.toContain("SECRET");
    expect(line).not.toContain("image_url");
    expect(line).not.toContain("arguments");
  });

  it("keeps ids, names, metadata, model, timing, usage, cost and finish reason", () => {
    const open = buildTraceFile(normalized(EVENT), { apiKeyName: "prod", privacyMode: false });
    const file = buildTraceFile(normalized(EVENT), ctx);
    expect(file.privacyMode).toBe(true);
    expect(file).toEqual({
      ...open,
      privacyMode: true,
      observations: open.observations.map((o) => ({ ...o, input: null, output: null })),
    });
    expect(file.observations[1]).toMatchObject({
      id: "gen-priv",
      name: "plan",
      parentId: "gen-priv:span",
      model: "openai/gpt-4o",
      provider: "OpenAI",
      latencyMs: 1234,
      endTime: "2026-11-27T10:00:01.234Z",
      usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
      cost: { total: 0.002, prompt: 0.0012, completion: 0.0008 },
      finishReason: "tool_calls",
    });
    expect(file.metadata).toEqual({ region: "eu" });
    expect(file.name).toBe("support");
  });

  it("does not mutate its argument and is idempotent", () => {
    const open = buildTraceFile(normalized(EVENT), { apiKeyName: "prod", privacyMode: false });
    const snapshot = structuredClone(open);
    const once = applyPrivacyMode(open);
    expect(open).toEqual(snapshot);
    expect(applyPrivacyMode(once)).toEqual(once);
  });

  it("keeps the file's columns and types unchanged", () => {
    const open = buildTraceFile(normalized(EVENT), { apiKeyName: "prod", privacyMode: false });
    const priv = applyPrivacyMode(open);
    expect(Object.keys(priv)).toEqual(Object.keys(open));
    priv.observations.forEach((o, i) => expect(Object.keys(o)).toEqual(Object.keys(open.observations[i] ?? {})));
  });
});

describe("isPrivateAtWrite", () => {
  it("takes the stricter of the flag at accept time and the destination's flag now", () => {
    expect(isPrivateAtWrite({ privacyMode: false, destinationPrivacyMode: false })).toBe(false);
    expect(isPrivateAtWrite({ privacyMode: false, destinationPrivacyMode: true })).toBe(true);
    expect(isPrivateAtWrite({ privacyMode: true, destinationPrivacyMode: false })).toBe(true);
    expect(isPrivateAtWrite({ privacyMode: true, destinationPrivacyMode: true })).toBe(true);
  });
});

describe("withoutContent", () => {
  it("drops input and output and keeps what Privacy Mode keeps", () => {
    const event = normalized(EVENT);
    const stripped = withoutContent(event);
    expect(stripped).not.toHaveProperty("input");
    expect(stripped).not.toHaveProperty("output");
    expect(stripped).toEqual({ ...event, input: undefined, output: undefined });
    // A file built from the stripped event in Privacy Mode equals one built from the full event.
    const ctx = { apiKeyName: "prod", privacyMode: true };
    expect(buildTraceFile(stripped, ctx)).toEqual(buildTraceFile(event, ctx));
  });
});
