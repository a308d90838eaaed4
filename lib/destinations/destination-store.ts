import "server-only";
import { randomUUID } from "node:crypto";
import type { DestinationInput } from "@/lib/destinations/destination-schema";
import { CONNECTION_SETTINGS, PUBLIC_FIELDS, pickFields } from "@/lib/destinations/destination-fields";
import { encColumn, maskColumn, SECRET_FIELDS, secretAad, type SecretField } from "@/lib/destinations/secret-columns";
import type { Provider } from "@/lib/destinations/provider-presets";
import { credentialRetypeErrors, type StoredConnection } from "@/lib/destinations/credential-retype";
import { decryptSecret, encryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import { maskSecret } from "@/lib/core/mask-secret";
import type { Destination, PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { S3Settings } from "@/lib/platform/s3/create-s3-client";
import type { WriteOptions } from "@/lib/core/write-options";
import { readFileSettings } from "@/lib/destinations/file-settings-schema";
import { MAX_DESTINATIONS, type DestinationView } from "./destination-view";
import { readRoutingColumns, routingColumns } from "./routing-columns";

// The data access layer for destinations: the only code that sees ciphertext columns. Reads for the
// UI return DestinationView with the masks stored beside each secret; only loadDestination decrypts,
// for S3 use.


export type StoredDestination = DestinationView & { settings: S3Settings & { prefix: string; pathTemplate: string } & WriteOptions };

export class DestinationLimitError extends Error {
  constructor() {
    super(`An account can have at most ${MAX_DESTINATIONS} destinations. Delete one before adding another.`);
  }
}

/**
 * The stored mask; rows saved before masks were stored fall back to decrypting once (boot backfills
 * them). A row this keyring cannot read still lists, with bullets only.
 */
function readMask(row: Destination, keyring: Keyring, field: SecretField): string | null {
  const box = row[encColumn(field)];
  if (!box) return null;
  const stored = row[maskColumn(field)];
  if (stored) return stored;
  try {
    return maskSecret(decryptSecret(box, keyring, secretAad(row.id, field))) ?? "••••";
  } catch {
    return "••••";
  }
}

function toView(row: Destination, keyring: Keyring): DestinationView {
  return {
    id: row.id,
    ...pickFields(row, PUBLIC_FIELDS),
    ...readFileSettings(row),
    provider: row.provider as Provider,
    ...readRoutingColumns(row),
    secretAccessKeyMask: readMask(row, keyring, "secretAccessKey") ?? "••••",
    sessionTokenMask: readMask(row, keyring, "sessionToken"),
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

function decryptField(row: Destination, keyring: Keyring, field: SecretField): string | null {
  const box = row[encColumn(field)];
  return box ? decryptSecret(box, keyring, secretAad(row.id, field)) : null;
}

function withSettings(row: Destination, keyring: Keyring): StoredDestination {
  const view = toView(row, keyring);
  return {
    ...view,
    settings: {
      ...pickFields(view, CONNECTION_SETTINGS),
      secretAccessKey: decryptField(row, keyring, "secretAccessKey") ?? "",
      sessionToken: decryptField(row, keyring, "sessionToken"),
    },
  };
}

/** The ciphertext and mask columns of every secret field; a blank secret stores neither. */
function secretColumns(id: string, secrets: Record<SecretField, string>, keyring: Keyring) {
  const columns = {} as Record<`${SecretField}Enc` | `${SecretField}Mask`, string | null>;
  for (const field of SECRET_FIELDS) {
    const value = secrets[field];
    columns[encColumn(field)] = value ? encryptSecret(value, keyring, secretAad(id, field)) : null;
    columns[maskColumn(field)] = maskSecret(value);
  }
  return columns;
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
  const { secretAccessKeyEnc, ...secrets } = secretColumns(id, input, keyring);
  // The schema requires a secret on create and resolveSecrets keeps the stored one on edit.
  if (!secretAccessKeyEnc) throw new Error("saveDestination: the secret access key is blank");
  const data = {
    ...pickFields(input, PUBLIC_FIELDS),
    ...routingColumns(input),
    secretAccessKeyEnc,
    ...secrets,
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

export type ResolvedSecrets = { secretAccessKey: string; sessionToken: string };

/**
 * On edit, a blank secret means "keep the stored one", unless the destination now connects somewhere
 * else (credentialRetypeErrors: then the field errors come back and nothing is decrypted for use),
 * and `removeSessionToken` drops a stored token. Returns null when the destination is gone.
 */
export async function resolveSecrets(
  prisma: PrismaClient,
  keyring: Keyring,
  input: DestinationInput,
): Promise<{ ok: true; secrets: ResolvedSecrets } | { ok: false; fieldErrors: Record<string, string[]> } | null> {
  if (!input.id) return { ok: true, secrets: { secretAccessKey: input.secretAccessKey, sessionToken: input.sessionToken } };
  const stored = await loadDestination(prisma, keyring, input.id);
  if (!stored) return null;
  const retype = credentialRetypeErrors(storedConnectionOf(stored), input);
  if (retype) return { ok: false, fieldErrors: retype as Record<string, string[]> };
  const keptToken = input.removeSessionToken ? "" : (stored.settings.sessionToken ?? "");
  return {
    ok: true,
    secrets: { secretAccessKey: input.secretAccessKey || stored.settings.secretAccessKey, sessionToken: input.sessionToken || keptToken },
  };
}

function storedConnectionOf(stored: StoredDestination): StoredConnection {
  return { provider: stored.provider, region: stored.region, endpoint: stored.endpoint, hasSessionToken: Boolean(stored.settings.sessionToken) };
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

/**
 * A revoked key drops out of every destination's key list; a list that loses its last key becomes
 * [] and sends nothing (the card says so), rather than silently turning into "every key".
 * Returns the names of the destinations that changed, for the audit entry of the revoke.
 */
export async function removeApiKeyFromRouting(prisma: PrismaClient, apiKeyId: string): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.destination.findMany({ select: { id: true, name: true, apiKeyIds: true } });
    const changed: string[] = [];
    for (const row of rows) {
      const ids = readRoutingColumns({ samplingRate: 1, apiKeyIds: row.apiKeyIds, filterRules: null }).apiKeyIds;
      if (!ids?.includes(apiKeyId)) continue;
      await tx.destination.update({ where: { id: row.id }, data: { apiKeyIds: ids.filter((id) => id !== apiKeyId) } });
      changed.push(row.name);
    }
    return changed;
  });
}
