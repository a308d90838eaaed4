import type { TraceEventInput } from "./trace-event-schema";

/**
 * Synthetic events: the dashboard's "Send Test Trace" button and the ingest benchmarks.
 * Both must pass the real ingest schema, so they are built as raw request bodies.
 */

// gpt-4o-mini list prices, so the sample's numbers look like a real bill.
const USD_PER_PROMPT_TOKEN = 0.15 / 1_000_000;
const USD_PER_COMPLETION_TOKEN = 0.6 / 1_000_000;

function round(value: number, digits = 10): number {
  return Number(value.toFixed(digits));
}

function priced(promptTokens: number, completionTokens: number) {
  const prompt = round(promptTokens * USD_PER_PROMPT_TOKEN);
  const completion = round(completionTokens * USD_PER_COMPLETION_TOKEN);
  return {
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    cost: { total: round(prompt + completion), prompt, completion },
  };
}

export function buildSampleEvent(now: Date): TraceEventInput {
  return {
    id: `broadcast-test-${now.getTime()}`,
    created_at: now.toISOString(),
    model: "openai/gpt-4o-mini",
    provider: "OpenAI",
    input: {
      messages: [
        { role: "system", content: "You are a concise assistant. Answer in one sentence." },
        { role: "user", content: "What does Broadcast do with my LLM traces?" },
      ],
    },
    output: {
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Broadcast writes each trace as a JSON file to your own S3 bucket, ready to query with Athena.",
          },
          finish_reason: "stop",
        },
      ],
    },
    ...priced(31, 22),
    latency_ms: 850,
    finish_reason: "stop",
    user: "broadcast-test-user",
    session_id: "broadcast-test-session",
    // Marked twice so analysts can leave it out: the id prefix in file names and `id`, and
    // metadata.broadcast_test (docs/trace-format.md shows the filter).
    trace: { trace_name: "Broadcast test trace", generation_name: "test-generation", source: "broadcast-test", broadcast_test: true },
  };
}

/** mulberry32: a tiny seeded PRNG, so benchmark payloads are identical run to run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the a of to and in for on with as by from that this it is are was be can will should model " +
  "request response token latency cost user prompt answer question data query table bucket " +
  "trace span deploy service function error retry cache index schema value result summary"
).split(" ");

/** Plain ASCII prose with no characters JSON has to escape, so chars equal bytes. */
function prose(random: () => number, length: number): string {
  let out = "";
  let sentence = 0;
  while (out.length < length) {
    const word = WORDS[Math.floor(random() * WORDS.length)] ?? "data";
    out += sentence === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    sentence++;
    const endsSentence = sentence > 6 && random() < 0.2;
    out += endsSentence ? ". " : " ";
    if (endsSentence) sentence = 0;
  }
  return out.slice(0, length);
}

const TURN_CHARS = 1200;
const BENCH_EPOCH_MS = Date.UTC(2025, 0, 1);
const MODELS = ["openai/gpt-4o-mini", "anthropic/claude-3.5-sonnet", "google/gemini-1.5-flash"];

function jsonBytes(value: unknown): number {
  return JSON.stringify(value).length; // ASCII only, see prose()
}

/**
 * A chat event whose JSON is about `approxBytes` long (within a few bytes once above the
 * ~1 KB skeleton). Prompt history takes ~70% of the text, the completion the rest.
 */
export function buildSizedEvent(approxBytes: number, seed: number): TraceEventInput {
  const random = seededRandom(seed);
  const model = MODELS[seed % MODELS.length] ?? "openai/gpt-4o-mini";
  const build = (turns: string[], completion: string): TraceEventInput => {
    const messages = [
      { role: "system", content: "You are a helpful assistant for a data engineering team." },
      ...turns.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content })),
    ];
    const promptTokens = Math.ceil(turns.join("").length / 4) + 12;
    const completionTokens = Math.ceil(completion.length / 4) + 1;
    return {
      id: `bench-${seed}`,
      created_at: new Date(BENCH_EPOCH_MS + (seed % 31_536_000) * 1000).toISOString(),
      model,
      provider: model.split("/")[0] ?? "openai",
      input: { messages, temperature: 0.2, max_tokens: 4096 },
      output: { choices: [{ index: 0, message: { role: "assistant", content: completion }, finish_reason: "stop" }] },
      ...priced(promptTokens, completionTokens),
      latency_ms: 300 + Math.round(completionTokens * 12.5),
      finish_reason: "stop",
      user: `user-${seed % 1000}`,
      session_id: `session-${seed % 97}`,
      trace: { trace_id: `bench-trace-${seed % 5000}`, trace_name: "benchmark", generation_name: "chat", env: "bench" },
    };
  };

  const budget = Math.max(0, approxBytes - jsonBytes(build([""], "")));
  const completionText = prose(random, Math.floor(budget * 0.3));
  const promptText = prose(random, budget - completionText.length);
  const turns: string[] = [];
  for (let i = 0; i < promptText.length || turns.length === 0; i += TURN_CHARS) turns.push(promptText.slice(i, i + TURN_CHARS));
  // Each extra turn adds a little JSON overhead; take it back from the completion.
  const excess = jsonBytes(build(turns, completionText)) - approxBytes;
  const completion = excess > 0 ? completionText.slice(0, Math.max(0, completionText.length - excess)) : completionText;
  return build(turns, completion);
}
