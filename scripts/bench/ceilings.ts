// The ceilings the app is measured against: bare PutObject to the same s3rver with the delivery
// client's settings, and a bare node:http server that reads, parses and answers 202.
import { spawn } from "node:child_process";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { parseAllowedEndpoints } from "@/lib/platform/s3/allowed-endpoints";
import { createS3Client } from "@/lib/platform/s3/create-s3-client";
import { BUCKET, ROOT, round, S3_KEYS, sizeLabel } from "./config";
import { ownCpuMs } from "./cpu-time";
import { percentiles, type Percentiles } from "./load";
import type { Payload } from "./payload";
import { stopChild, track } from "./processes";
import type { S3Server } from "./s3-process";

export type BarePutResult = { size: string; objects: number; concurrency: number; wallMs: number; objectsPerSec: number; latencyMs: Percentiles; errors: number; cpuMsPerObject: number };

export async function barePutObject(s3: S3Server, payload: Payload, count: number, concurrency: number, label: string): Promise<BarePutResult> {
  // The delivery worker's client settings (lib/delivery/put-object.ts): keep-alive, one attempt.
  const client = createS3Client(
    { bucketName: BUCKET, region: "us-east-1", endpoint: s3.endpoint, sessionToken: null, ...S3_KEYS },
    { allowedEndpoints: parseAllowedEndpoints(`127.0.0.1:${s3.port}`), timeoutMs: 20_000, maxAttempts: 1, keepAlive: true },
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const cpu0 = ownCpuMs();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const t = performance.now();
          try {
            await client.send(
              new PutObjectCommand({ Bucket: BUCKET, Key: `bare/${label}/${String(i).padStart(6, "0")}.json`, Body: payload.traceFile, ContentType: "application/json; charset=utf-8" }),
            );
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        }
      }),
    );
  } finally {
    client.destroy();
  }
  const wallMs = performance.now() - t0;
  const cpuMsPerObject = round((ownCpuMs() - cpu0) / Math.max(1, count - errors), 3);
  return { size: sizeLabel(payload.size), objects: count - errors, concurrency, wallMs: Math.round(wallMs), objectsPerSec: round(((count - errors) / wallMs) * 1000), latencyMs: percentiles(latencies), errors, cpuMsPerObject };
}

export async function startHttpBaseline(): Promise<{ origin: string; close(): Promise<void> }> {
  const child = track(spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "http-baseline.mjs")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] }));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`http baseline exited (code ${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => stopChild(child, 5_000) };
}
