import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { classifyS3Error } from "@/lib/core/classify-s3-error";
import { decideFailure } from "@/lib/core/delivery/failure-policy";
import { DEFAULT_WRITE_OPTIONS } from "@/lib/core/write-options";
import { startBlackHole, type BlackHole } from "@/tests/s3/black-hole";
import { createTestS3Client } from "@/tests/s3/s3-test-client";
import { parseIngestBody, type NormalizedEvent } from "@/lib/core/trace/trace-event-schema";
import type { PutObjectExecutor, PutObjectJob } from "../put-object";
import { buildTraceBody, toStoredEvent } from "../trace-payload";
import { startPutObjectThreads } from "./pool";

// The S3 threads as production runs them: thread.ts bundled by scripts/build-server.mjs's esbuild
// settings, real PutObjects to s3rver, the endpoint guard inside the thread, aborts across threads.

const s3rver = inject("s3rver");
const { hostname, port } = new URL(s3rver.endpoint);
let dir: string;
let pool: PutObjectExecutor;
let blackHole: BlackHole;

const target = (endpoint: string, bucketName = s3rver.buckets[0] as string): PutObjectJob["target"] => ({
  destinationId: `d-${endpoint}`,
  updatedAt: 1,
  settings: { bucketName, region: "us-east-1", endpoint, accessKeyId: s3rver.accessKeyId, secretAccessKey: s3rver.secretAccessKey, sessionToken: null },
  writeOptions: DEFAULT_WRITE_OPTIONS,
});

function event(id: string): NormalizedEvent {
  const parsed = parseIngestBody({ id, created_at: "2026-12-01T10:00:00Z", model: "m", input: "the prompt", output: "the answer" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.events[0] as NormalizedEvent;
}
const file = (e: NormalizedEvent, privacyMode = false) => ({ eventText: JSON.stringify(toStoredEvent(e)), apiKeyName: "prod", privacyMode });
const ANY = file(event("any"));

beforeAll(async () => {
  // Inside the repository: the bundle requires its packages from node_modules, as in .next/broadcast/.
  await mkdir(path.resolve(".tmp"), { recursive: true });
  dir = await mkdtemp(path.resolve(".tmp", "s3-threads-"));
  const { buildServer } = await import("@/scripts/build-server.mjs");
  const out = await buildServer({ outdir: dir, entries: ["s3-thread"] });
  blackHole = await startBlackHole();
  pool = startPutObjectThreads({
    file: pathToFileURL(path.join(out, "s3-thread.mjs")),
    threads: 2,
    allowedEndpoints: [{ host: hostname, port: Number(port) }, { host: "127.0.0.1", port: blackHole.port }],
    timeoutMs: 5_000,
  });
});

afterAll(async () => {
  await pool?.close();
  await blackHole?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("S3 threads", () => {
  it("build each trace file where they send it and write the objects, many at once, to the bucket", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `threads/${Date.now()}-${i}.json`);
    const events = keys.map((_, i) => event(`gen-${i}`));
    const bytes = await Promise.all(keys.map((key, i) => pool.put({ target: target(s3rver.endpoint), key, file: file(events[i] as NormalizedEvent, i === 8) }, new AbortController().signal)));
    const client = createTestS3Client(s3rver);
    const read = async (key: string) => (await client.send(new GetObjectCommand({ Bucket: s3rver.buckets[0], Key: key })));
    const seventh = await read(keys[7] as string);
    const expected = buildTraceBody(events[7] as NormalizedEvent, { apiKeyName: "prod", privacyMode: false });
    expect(await seventh.Body?.transformToString()).toBe(expected);
    expect(bytes[7]).toBe(Buffer.byteLength(expected));
    expect(seventh.ContentType).toBe("application/json; charset=utf-8");
    // Privacy Mode is applied in the thread too: the prompt never reaches that object.
    const private8 = await (await read(keys[8] as string)).Body?.transformToString();
    expect(private8).toBe(buildTraceBody(events[8] as NormalizedEvent, { apiKeyName: "prod", privacyMode: true }));
    expect(private8).not.toContain("the prompt");
  });

  it("refuse a stored event that is not one of ours, by a name the worker recognises", async () => {
    const error = await pool.put({ target: target(s3rver.endpoint), key: "bad.json", file: { ...ANY, eventText: "[1]" } }, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidStoredTraceError" });
  });

  it("keep the endpoint guard: a metadata address is refused inside the thread and classified as such", async () => {
    const error = await pool.put({ target: target("http://169.254.169.254"), key: "x.json", file: ANY }, new AbortController().signal).catch((e: unknown) => e);
    expect(classifyS3Error(error).code).toBe("blocked-endpoint");
    expect(decideFailure(error, { stoppedByUs: false, attemptTimeoutMs: 5_000 })).toMatchObject({ action: "pause", code: "blocked-endpoint" });
  });

  it("report S3's own refusals with their code", async () => {
    const error = await pool.put({ target: target(s3rver.endpoint, "no-such-bucket-here"), key: "x.json", file: ANY }, new AbortController().signal).catch((e: unknown) => e);
    expect(classifyS3Error(error).code).toBe("no-such-bucket");
  });

  it("abort one write across the thread boundary without stopping the others", async () => {
    const controller = new AbortController();
    const hanging = pool.put({ target: target(blackHole.endpoint), key: "x.json", file: ANY }, controller.signal).catch((e: unknown) => e);
    const key = `threads/${Date.now()}-after-abort.json`;
    controller.abort(new Error("PutObject timed out"));
    expect(classifyS3Error(await hanging).code).toBe("timeout");
    expect(await pool.put({ target: target(s3rver.endpoint), key, file: ANY }, new AbortController().signal)).toBeGreaterThan(0);
  });
});
