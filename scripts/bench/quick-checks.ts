// Test Connection and the path preview (once per run; neither touches the database nor the app).
import { previewObjectKey } from "@/lib/core/object-keys/object-key";
import { parseAllowedEndpoints } from "@/lib/platform/s3/allowed-endpoints";
import { testS3Connection } from "@/lib/platform/s3/test-connection";
import { BUCKET, round, S3_KEYS } from "./config";
import { percentiles } from "./load";
import type { S3Server } from "./s3-process";

export async function benchTestConnection(s3: S3Server) {
  const target = {
    bucketName: BUCKET, region: "us-east-1", endpoint: s3.endpoint, sessionToken: null, ...S3_KEYS,
    prefix: "connection-test", pathTemplate: "{prefix}/{date}",
  };
  const allowedEndpoints = parseAllowedEndpoints(`127.0.0.1:${s3.port}`);
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    const result = await testS3Connection(target, { allowedEndpoints });
    times.push(performance.now() - t);
    if (!result.ok) failures.push(`${result.failure.code}: ${result.failure.message}`);
  }
  const [first, ...warm] = times;
  return { runs: times.length, firstMs: round(first as number), warm: percentiles(warm), failures };
}

/** Typing sequences as a user edits the Path template and Prefix fields, one call per keystroke. */
function typingSequence(): { template: string; prefix: string }[] {
  const states: { template: string; prefix: string }[] = [];
  const type = (text: string, at: (partial: string) => { template: string; prefix: string }) => {
    for (let i = 0; i <= text.length; i++) states.push(at(text.slice(0, i)));
  };
  // Clearing the default and typing a layout, with unbalanced braces and half-typed variable names on the way.
  type("{prefix}/{apiKeyName}/{year}/{month}/{day}", (t) => ({ template: t, prefix: "openrouter-traces" }));
  // Editing the prefix under that template.
  type("llm-traces/production/eu-west", (p) => ({ template: "{prefix}/{apiKeyName}/{year}/{month}/{day}", prefix: p }));
  // A long, deep layout (near the key-length budget), typed to the end.
  const long = "analytics/raw/llm/" + Array.from({ length: 12 }, (_, i) => `team-${i}/{apiKeyName}/{year}-{month}-{day}`).join("/");
  type(long, (t) => ({ template: t, prefix: "p" }));
  return states;
}

export function benchPreview() {
  const states = typingSequence();
  const now = new Date();
  let sink = 0;
  for (let i = 0; i < 200; i++) for (const s of states) sink += previewObjectKey(s.template, s.prefix, now).ok ? 1 : 0; // warm-up (JIT)
  const iterations = 2_000;
  const perKeystroke: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    for (const s of states) {
      const t = performance.now();
      sink += previewObjectKey(s.template, s.prefix, now).ok ? 1 : 0;
      perKeystroke.push(performance.now() - t);
    }
  }
  const totalMs = performance.now() - t0;
  const p = percentiles(perKeystroke);
  const us = (ms: number) => round(ms * 1000, 2);
  return {
    keystrokes: states.length,
    iterations,
    calls: perKeystroke.length,
    meanMs: round(totalMs / perKeystroke.length, 5),
    perKeystrokeUs: { p50: us(p.p50), p99: us(p.p99), max: us(p.max), mean: us(p.mean) },
    longestTemplateChars: Math.max(...states.map((s) => s.template.length)),
    sink,
  };
}

export type TestConnectionResult = Awaited<ReturnType<typeof benchTestConnection>>;
export type PreviewResult = ReturnType<typeof benchPreview>;
