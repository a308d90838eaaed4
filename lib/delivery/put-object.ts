import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { createS3Client } from "@/lib/platform/s3/create-s3-client";
import { putObjectWriteFields } from "@/lib/core/write-options";
import type { DestinationTarget } from "./destination-settings";
import { buildStoredTraceBodyFromText } from "./stored-trace";

// Where a delivery's PutObject is signed, sent and its answer parsed. The delivery worker only
// hands over the job: by default it runs on the worker's own thread (inProcessPutObject); the
// production server runs it in S3 threads (put-threads/), so the request thread keeps only ingest,
// claims and outcome records. Both go through createS3Client, so the endpoint guard and the
// bounded HTTP handler apply wherever the request is sent.

/** The trace file is built where it is sent: parsing and serialising 40 KB events stays off the request thread. */
export type PutObjectJob = { target: DestinationTarget; key: string; file: { eventText: string; apiKeyName: string; privacyMode: boolean } };

/** The stored event is not one we wrote (a hand-edited or corrupted row): dead at once, never retried. */
export class InvalidStoredTraceError extends Error {
  constructor() {
    super("The stored trace could not be read.");
    this.name = "InvalidStoredTraceError";
  }
}

export type PutObjectExecutor = {
  /** Resolves with the bytes written; rejects with what the S3 call threw (or InvalidStoredTraceError). */
  put(job: PutObjectJob, signal: AbortSignal): Promise<number>;
  close(): Promise<void>;
};

export type S3ClientSettings = { allowedEndpoints: AllowedEndpoint[]; timeoutMs: number };

const CONTENT_TYPE = "application/json; charset=utf-8";

/** One client per destination version, reused across deliveries; replaced ones close a little later. */
export class S3ClientCache {
  private readonly entries = new Map<string, { updatedAt: number; client: S3Client }>();
  private readonly retiring = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: S3ClientSettings) {}

  get(target: DestinationTarget): S3Client {
    const cached = this.entries.get(target.destinationId);
    if (cached && cached.updatedAt >= target.updatedAt) return cached.client;
    const client = createS3Client(target.settings, {
      allowedEndpoints: this.options.allowedEndpoints,
      timeoutMs: this.options.timeoutMs,
      // The queue retries on its own schedule; SDK retries would hide failures and hold a slot.
      maxAttempts: 1,
      keepAlive: true,
    });
    this.entries.set(target.destinationId, { updatedAt: target.updatedAt, client });
    if (cached) this.retire(cached.client);
    return client;
  }

  close(): void {
    for (const timer of this.retiring) clearTimeout(timer);
    this.retiring.clear();
    for (const entry of this.entries.values()) entry.client.destroy();
    this.entries.clear();
  }

  // Requests still running on a replaced client may finish first.
  private retire(client: S3Client): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      client.destroy();
    }, this.options.timeoutMs * 2);
    timer.unref();
    this.retiring.add(timer);
  }
}

export async function sendPutObject(clients: S3ClientCache, job: PutObjectJob, signal: AbortSignal): Promise<number> {
  const body = buildStoredTraceBodyFromText(job.file.eventText, job.file);
  if (body === null) throw new InvalidStoredTraceError();
  const client = clients.get(job.target);
  await client.send(
    new PutObjectCommand({
      Bucket: job.target.settings.bucketName, Key: job.key, Body: body, ContentType: CONTENT_TYPE, ...putObjectWriteFields(job.target.writeOptions),
    }),
    { abortSignal: signal },
  );
  return Buffer.byteLength(body);
}

export function inProcessPutObject(options: S3ClientSettings): PutObjectExecutor {
  const clients = new S3ClientCache(options);
  return {
    put: (job, signal) => sendPutObject(clients, job, signal),
    close: async () => clients.close(),
  };
}
