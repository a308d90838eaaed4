import type { JsonValue } from "@/lib/core/trace/trace-file-schema";
import type { Attributes } from "./otlp-span";

// The scalar GenAI fields (model, provider, usage, cost, finish reason), each from an ordered list
// of attribute names: the current semantic conventions first, then the deprecated names,
// OpenInference, OpenLLMetry and the Vercel AI SDK. Only the attribute actually used is consumed.

export const MODEL_KEYS = ["gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "ai.response.model", "ai.model.id"];
export const PROVIDER_KEYS = ["gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system", "ai.model.provider"];
export const PROMPT_TOKEN_KEYS = [
  "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt", "ai.usage.inputTokens", "ai.usage.promptTokens",
];
export const COMPLETION_TOKEN_KEYS = [
  "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion", "ai.usage.outputTokens", "ai.usage.completionTokens",
];
export const TOTAL_TOKEN_KEYS = ["gen_ai.usage.total_tokens", "llm.usage.total_tokens", "llm.token_count.total", "ai.usage.totalTokens"];
export const COST_TOTAL_KEYS = ["gen_ai.usage.cost", "gen_ai.cost.total", "llm.cost.total", "gen_ai.usage.total_cost"];
export const COST_PROMPT_KEYS = ["gen_ai.usage.input_cost", "gen_ai.cost.input", "llm.cost.prompt"];
export const COST_COMPLETION_KEYS = ["gen_ai.usage.output_cost", "gen_ai.cost.output", "llm.cost.completion"];
export const FINISH_REASON_KEYS = ["gen_ai.response.finish_reasons", "ai.response.finishReason", "llm.finish_reason"];

/** Reads fields off a span's attributes and remembers which keys it used. */
export class FieldReader {
  readonly consumed = new Set<string>();
  constructor(private readonly attrs: Attributes) {}

  private first<T>(keys: string[], accept: (value: JsonValue) => T | null): T | null {
    for (const key of keys) {
      if (!Object.hasOwn(this.attrs, key)) continue;
      const value = accept(this.attrs[key] as JsonValue);
      if (value !== null) {
        this.consumed.add(key);
        return value;
      }
    }
    return null;
  }

  text(keys: string[]): string | null {
    return this.first(keys, (v) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null));
  }

  /** Token counts: non-negative integers, also when sent as decimal strings (int64 beyond 2^53). */
  count(keys: string[]): number | null {
    return this.first(keys, (v) => {
      const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
      return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : null;
    });
  }

  usd(keys: string[]): number | null {
    return this.first(keys, (v) => {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : null;
    });
  }

  /** finish_reasons is a string array (or its JSON text); several choices are joined with commas. */
  finishReason(keys: string[]): string | null {
    return this.first(keys, (v) => {
      let value = v;
      if (typeof value === "string" && value.trim().startsWith("[")) {
        try {
          value = JSON.parse(value) as JsonValue;
        } catch {
          /* a plain string that starts with "[" */
        }
      }
      if (Array.isArray(value)) {
        const reasons = value.filter((r): r is string => typeof r === "string" && r !== "");
        return reasons.length > 0 ? reasons.join(",") : null;
      }
      return typeof value === "string" && value !== "" ? value : null;
    });
  }
}
