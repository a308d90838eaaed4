import { PutObjectCommand } from "@aws-sdk/client-s3";
import { buildObjectKey, CONNECTION_TEST_KEY_NAME } from "@/lib/core/object-keys/object-key";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { classifyS3Error, type S3Failure } from "@/lib/core/classify-s3-error";
import { hasWriteOptions, putObjectWriteFields, type WriteOptions } from "@/lib/core/write-options";
import { createS3Client, type S3Settings } from "./create-s3-client";

export const TEST_CONNECTION_TIMEOUT_MS = 10_000;

/** Write options left out mean the defaults (no encryption or storage-class header). */
export type ConnectionTarget = S3Settings & { prefix: string; pathTemplate: string } & Partial<WriteOptions>;

export type ConnectionTestResult =
  | { ok: true; key: string; roundTripMs: number }
  | { ok: false; failure: S3Failure; roundTripMs: number };

/** The marker's key: inside the rendered path, so it proves the exact place traces will go. */
export function connectionTestKey(target: ConnectionTarget, now: Date): string {
  const input = { pathTemplate: target.pathTemplate, prefix: target.prefix, date: now, apiKeyName: CONNECTION_TEST_KEY_NAME };
  const built = buildObjectKey(input, { kind: "connection-test" });
  if (!built.ok) throw new Error(built.issues.map((i) => i.message).join(" "));
  return built.key;
}

/**
 * One PutObject of a small marker, nothing else: it must pass with a policy that grants only
 * s3:PutObject, which is what we recommend users give Broadcast. It carries the destination's
 * encryption and storage class, so a bucket policy that requires SSE-KMS, a key the credentials may
 * not use (kms:GenerateDataKey) or a server without that storage class fails here, before save.
 * Gives up after `timeoutMs`.
 */
export async function testS3Connection(
  target: ConnectionTarget,
  options: { allowedEndpoints: AllowedEndpoint[]; now?: Date; timeoutMs?: number },
): Promise<ConnectionTestResult> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? TEST_CONNECTION_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let client: ReturnType<typeof createS3Client> | undefined;
  try {
    const key = connectionTestKey(target, now);
    client = createS3Client(target, { allowedEndpoints: options.allowedEndpoints, timeoutMs });
    const body = JSON.stringify({
      type: "broadcast.connection-test",
      createdAt: now.toISOString(),
      note: "Written by Broadcast's Test Connection. Safe to delete.",
    });
    await client.send(
      new PutObjectCommand({
        Bucket: target.bucketName,
        Key: key,
        Body: `${body}\n`,
        ContentType: "application/json",
        ...putObjectWriteFields(target),
      }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    return { ok: true, key, roundTripMs: elapsed() };
  } catch (error) {
    return { ok: false, failure: classifyS3Error(error, { timeoutMs, sentWriteOptions: hasWriteOptions(target) }), roundTripMs: elapsed() };
  } finally {
    client?.destroy();
  }
}
