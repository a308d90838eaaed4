import "server-only";
import { randomUUID } from "node:crypto";
import type { DestinationInput } from "@/lib/destinations/destination-schema";
import type { Provider } from "@/lib/destinations/provider-presets";
import { decryptSecret, encryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import { maskSecret } from "@/lib/core/mask-secret";
import type { Destination, PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { S3Settings } from "@/lib/platform/s3/create-s3-client";
import { MAX_DESTINATIONS, type DestinationView } from "./destination-view";

// The data access layer for destinations: the only code that sees ciphertext columns. Reads for the
// UI return DestinationView (masks, no secrets); only loadDestinationSecrets decrypts, for S3 use.

const aad = (id: string, field: "secretAccessKey" | "sessionToken") => `destination:${id}:${field}`;

export type StoredDestination = DestinationView & { settings: S3Settings & { prefix: string; pathTemplate: string } };

export class DestinationLimitError extends Error {
  constructor() {
    super(`An account can have at most ${MAX_DESTINATIONS} destinations. Delete one before adding another.`);
  }
}

function toView(row: Destination, keyring: Keyring): DestinationView {
  const secret = decryptSecret(row.secretAccessKeyEnc, keyring, aad(row.id, "secretAccessKey"));
  const token = row.sessionTokenEnc ? decryptSecret(row.sessionTokenEnc, keyring, aad(row.id, "sessionToken")) : null;
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    privacyMode: row.privacyMode,
    provider: row.provider as Provider,
    bucketName: row.bucketName,
    region: row.region,
    endpoint: row.endpoint,
    accessKeyId: row.accessKeyId,
    secretAccessKeyMask: maskSecret(secret) ?? "••••",
    sessionTokenMask: maskSecret(token),
    prefix: row.prefix,
    pathTemplate: row.pathTemplate,
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listDestinations(prisma: PrismaClient, keyring: Keyring): Promise<DestinationView[]> {
  const rows = await prisma.destination.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((row) => toView(row, keyring));
}

/** Decrypted settings for talking to S3. Never return this to the browser. */
export async function loadDestination(prisma: PrismaClient, keyring: Keyring, id: string): Promise<StoredDestination | null> {
  const row = await prisma.destination.findUnique({ where: { id } });
  return row ? withSettings(row, keyring) : null;
}

function withSettings(row: Destination, keyring: Keyring): StoredDestination {
  return {
    ...toView(row, keyring),
    settings: {
      bucketName: row.bucketName,
      region: row.region,
      endpoint: row.endpoint,
      accessKeyId: row.accessKeyId,
      secretAccessKey: decryptSecret(row.secretAccessKeyEnc, keyring, aad(row.id, "secretAccessKey")),
      sessionToken: row.sessionTokenEnc ? decryptSecret(row.sessionTokenEnc, keyring, aad(row.id, "sessionToken")) : null,
      prefix: row.prefix,
      pathTemplate: row.pathTemplate,
    },
  };
}

/**
 * Inserts or updates from validated form values whose blank secrets were already resolved to the
 * stored ones (see resolveSecrets). Caller must have run a passing connection test on them.
 */
export async function saveDestination(
  prisma: PrismaClient,
  keyring: Keyring,
  input: DestinationInput & { secretAccessKey: string; sessionToken: string },
  testedAt: Date,
): Promise<DestinationView> {
  const id = input.id ?? randomUUID();
  const data = {
    name: input.name,
    enabled: input.enabled,
    privacyMode: input.privacyMode,
    provider: input.provider,
    bucketName: input.bucketName,
    region: input.region,
    endpoint: input.endpoint,
    accessKeyId: input.accessKeyId,
    secretAccessKeyEnc: encryptSecret(input.secretAccessKey, keyring, aad(id, "secretAccessKey")),
    sessionTokenEnc: input.sessionToken ? encryptSecret(input.sessionToken, keyring, aad(id, "sessionToken")) : null,
    prefix: input.prefix,
    pathTemplate: input.pathTemplate,
    lastTestedAt: testedAt,
  };
  if (input.id) {
    const row = await prisma.destination.update({ where: { id }, data });
    return toView(row, keyring);
  }
  // The count and the insert share a transaction so two quick saves cannot make a sixth.
  const row = await prisma.$transaction(async (tx) => {
    if ((await tx.destination.count()) >= MAX_DESTINATIONS) throw new DestinationLimitError();
    return tx.destination.create({ data: { id, ...data } });
  });
  return toView(row, keyring);
}

/** On edit, a blank secret means "keep the stored one". Returns null when the destination is gone. */
export async function resolveSecrets(
  prisma: PrismaClient,
  keyring: Keyring,
  input: DestinationInput,
): Promise<{ secretAccessKey: string; sessionToken: string } | null> {
  if (!input.id) return { secretAccessKey: input.secretAccessKey, sessionToken: input.sessionToken };
  const stored = await loadDestination(prisma, keyring, input.id);
  if (!stored) return null;
  return {
    secretAccessKey: input.secretAccessKey || stored.settings.secretAccessKey,
    sessionToken: input.sessionToken || stored.settings.sessionToken || "",
  };
}

export async function updateDestinationFlags(
  prisma: PrismaClient,
  keyring: Keyring,
  id: string,
  flags: { enabled?: boolean; privacyMode?: boolean },
): Promise<DestinationView | null> {
  const existing = await prisma.destination.findUnique({ where: { id }, select: { id: true } });
  if (!existing) return null;
  return toView(await prisma.destination.update({ where: { id }, data: flags }), keyring);
}

export async function deleteDestination(prisma: PrismaClient, id: string): Promise<boolean> {
  const { count } = await prisma.destination.deleteMany({ where: { id } });
  return count > 0;
}
