import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import { loadDestination } from "@/lib/destinations/destination-store";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { createS3Client } from "@/lib/platform/s3/create-s3-client";
import type { WriteOptions } from "@/lib/core/write-options";
import { CredentialsUnreadableError, DestinationGoneError } from "../core/delivery/failure-policy";

// One S3 client per destination, reused across deliveries so its keep-alive sockets are too.
// A client is tied to the destination row's updatedAt: an edit (new keys, endpoint, region) makes
// the next delivery build a fresh one. Replaced clients are closed a little later, so requests
// still running on them can finish.

export type DestinationTarget = { client: S3Client; bucket: string; updatedAt: Date; writeOptions: WriteOptions };

type Entry = { updatedAt: number; target: Promise<DestinationTarget> };

export class DestinationClients {
  private readonly entries = new Map<string, Entry>();
  private readonly retiring = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: { keyring: Keyring; allowedEndpoints: AllowedEndpoint[] },
    private readonly timeoutMs: number,
  ) {}

  /** A client for the destination as of at least `updatedAt` (the version the claim saw). */
  async get(destinationId: string, updatedAt: Date): Promise<DestinationTarget> {
    const cached = this.entries.get(destinationId);
    if (cached && cached.updatedAt >= updatedAt.getTime()) return cached.target;
    const target = this.load(destinationId);
    const entry: Entry = { updatedAt: updatedAt.getTime(), target };
    this.entries.set(destinationId, entry);
    try {
      const loaded = await target;
      entry.updatedAt = loaded.updatedAt.getTime();
      if (cached) this.retire(cached);
      return loaded;
    } catch (error) {
      // Failures are not cached: the next delivery looks again (the user may have fixed it).
      if (this.entries.get(destinationId) === entry) this.entries.delete(destinationId);
      throw error;
    }
  }

  close(): void {
    for (const timer of this.retiring) clearTimeout(timer);
    this.retiring.clear();
    for (const entry of this.entries.values()) destroyEntry(entry);
    this.entries.clear();
  }

  private async load(destinationId: string): Promise<DestinationTarget> {
    let stored;
    try {
      stored = await loadDestination(this.prisma, this.config.keyring, destinationId);
    } catch (error) {
      if ((error as Error).name === "SecretBoxError") throw new CredentialsUnreadableError(error);
      throw error;
    }
    if (!stored) throw new DestinationGoneError();
    const client = createS3Client(stored.settings, {
      allowedEndpoints: this.config.allowedEndpoints,
      timeoutMs: this.timeoutMs,
      // The queue retries on its own schedule; SDK retries would hide failures and hold a slot.
      maxAttempts: 1,
      keepAlive: true,
    });
    const { serverSideEncryption, kmsKeyId, storageClass } = stored.settings;
    const writeOptions = { serverSideEncryption, kmsKeyId, storageClass };
    return { client, bucket: stored.settings.bucketName, updatedAt: new Date(stored.updatedAt), writeOptions };
  }

  private retire(entry: Entry): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      destroyEntry(entry);
    }, this.timeoutMs * 2);
    timer.unref();
    this.retiring.add(timer);
  }
}

function destroyEntry(entry: Entry): void {
  void entry.target.then((t) => t.client.destroy(), () => {});
}
