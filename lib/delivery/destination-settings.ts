import "server-only";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import { loadDestination } from "@/lib/destinations/destination-store";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { S3Settings } from "@/lib/platform/s3/create-s3-client";
import type { WriteOptions } from "@/lib/core/write-options";
import { CredentialsUnreadableError, DestinationGoneError } from "../core/delivery/failure-policy";

// Each destination's decrypted settings, loaded once per version of its row: the claim tells the
// row's updatedAt, and an edit (new keys, endpoint, region) makes the next delivery load it again.
// Whoever sends the PutObject (this thread or an S3 thread, put-object.ts) keeps one client per
// destination version, so keep-alive sockets are reused.

/** Plain data, so it crosses to an S3 thread as is. `writeOptions`: SSE and storage class of every object written. */
export type DestinationTarget = { destinationId: string; updatedAt: number; settings: S3Settings; writeOptions: WriteOptions };

type Entry = { updatedAt: number; target: Promise<DestinationTarget> };

export class DestinationSettings {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly keyring: Keyring,
  ) {}

  /** The destination as of at least `updatedAt` (the version the claim saw). */
  async get(destinationId: string, updatedAt: Date): Promise<DestinationTarget> {
    const cached = this.entries.get(destinationId);
    if (cached && cached.updatedAt >= updatedAt.getTime()) return cached.target;
    const target = this.load(destinationId);
    const entry: Entry = { updatedAt: updatedAt.getTime(), target };
    this.entries.set(destinationId, entry);
    try {
      const loaded = await target;
      entry.updatedAt = loaded.updatedAt;
      return loaded;
    } catch (error) {
      // Failures are not cached: the next delivery looks again (the user may have fixed it).
      if (this.entries.get(destinationId) === entry) this.entries.delete(destinationId);
      throw error;
    }
  }

  private async load(destinationId: string): Promise<DestinationTarget> {
    let stored;
    try {
      stored = await loadDestination(this.prisma, this.keyring, destinationId);
    } catch (error) {
      if ((error as Error).name === "SecretBoxError") throw new CredentialsUnreadableError(error);
      throw error;
    }
    if (!stored) throw new DestinationGoneError();
    const { bucketName, region, endpoint, accessKeyId, secretAccessKey, sessionToken } = stored.settings;
    const { serverSideEncryption, kmsKeyId, storageClass } = stored.settings;
    return {
      destinationId,
      updatedAt: new Date(stored.updatedAt).getTime(),
      settings: { bucketName, region, endpoint, accessKeyId, secretAccessKey, sessionToken },
      writeOptions: { serverSideEncryption, kmsKeyId, storageClass },
    };
  }
}
