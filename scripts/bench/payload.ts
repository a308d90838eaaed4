// Payloads: realistic traces from lib/core/trace/sample-trace.ts. Request bodies get a unique event id
// per request (a few distinct base traces, so the JSON is not one string repeated).
import { buildTraceBody } from "@/lib/delivery/trace-payload";
import { buildSizedEvent } from "@/lib/core/trace/sample-trace";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { createHash } from "node:crypto";
import type { Size } from "./config";

export type Payload = { size: Size; requestBytes: number; traceFileBytes: number; body(id: string): string; traceFile: string };

export function buildPayload(size: Size): Payload {
  const variants = Array.from({ length: 16 }, (_, i) => {
    const seed = size + i * 7919;
    const json = JSON.stringify(buildSizedEvent(size, seed));
    const marker = `"id":"bench-${seed}"`;
    const at = json.indexOf(marker);
    if (at < 0) throw new Error("sample trace has no id field");
    return { head: `${json.slice(0, at)}"id":"`, tail: json.slice(at + marker.length - 1) };
  });
  let n = 0;
  const body = (id: string) => {
    const v = variants[n++ % variants.length] as (typeof variants)[number];
    return `${v.head}${id}${v.tail}`;
  };
  // What a delivery writes for such a trace: the bare PutObject ceiling sends exactly this.
  const parsed = parseIngestBody(JSON.parse(body("bench-file")), new Date());
  if (!parsed.ok) throw new Error(`sample trace does not pass the ingest schema: ${JSON.stringify(parsed.errors)}`);
  const traceFile = buildTraceBody(parsed.events[0] as (typeof parsed.events)[number], { apiKeyName: "bench", privacyMode: false });
  return { size, requestBytes: Buffer.byteLength(body("bench-probe-0000")), traceFileBytes: Buffer.byteLength(traceFile), body, traceFile };
}

/**
 * OTLP/HTTP JSON, one GenAI chat span a request, about `size` bytes: a unique trace per id (the trace
 * and span ids are hashes of it), so each request is one trace file.
 */
export function buildOtlpPayload(size: Size): Pick<Payload, "size" | "body"> {
  const filler = "x".repeat(Math.max(0, size - 900));
  const now = BigInt(Date.now()) * 1_000_000n;
  const body = (id: string) => {
    const hash = createHash("sha256").update(id).digest("hex");
    const span = {
      traceId: hash.slice(0, 32),
      spanId: hash.slice(32, 48),
      name: "chat gpt-4o",
      kind: 3,
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 850_000_000n),
      attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
        { key: "gen_ai.request.model", value: { stringValue: "gpt-4o" } },
        { key: "gen_ai.usage.input_tokens", value: { intValue: "812" } },
        { key: "gen_ai.usage.output_tokens", value: { intValue: "96" } },
        { key: "gen_ai.input.messages", value: { stringValue: JSON.stringify([{ role: "user", parts: [{ type: "text", content: filler }] }]) } },
        { key: "gen_ai.output.messages", value: { stringValue: JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "ok" }] }]) } },
      ],
    };
    return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "bench" } }] }, scopeSpans: [{ scope: { name: "bench" }, spans: [span] }] }] });
  };
  return { size, body };
}
