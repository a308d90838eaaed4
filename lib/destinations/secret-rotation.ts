import { decryptSecret, encryptSecret, needsReencryption, SecretBoxError } from "@/lib/platform/crypto/secret-box";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import { maskSecret } from "@/lib/core/mask-secret";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { encColumn, maskColumn, SECRET_FIELDS, secretAad } from "@/lib/destinations/secret-columns";

// Key rotation for destination secrets. No "server-only" marker: `npm run rotate-keys` (tsx) runs it
// outside Next.js. Messages name rows and key ids (a salted hash), never a key or a secret.

const SECRET_SELECT = {
  id: true,
  ...Object.fromEntries(SECRET_FIELDS.flatMap((field) => [[encColumn(field), true], [maskColumn(field), true]])),
} as Record<"id" | ReturnType<typeof encColumn> | ReturnType<typeof maskColumn>, true>;

export class UnreadableSecretsError extends Error {
  constructor(count: number, total: number, detail: string) {
    super(
      `${count} of ${total} stored destination secrets cannot be decrypted with the configured encryption keys (${detail}). ` +
        "Set BROADCAST_ENCRYPTION_KEY to the key they were saved with, or keep that key in BROADCAST_ENCRYPTION_KEYS_PREVIOUS until `npm run rotate-keys` has re-encrypted them.",
    );
    this.name = "UnreadableSecretsError";
  }
}

export type RotationReport = {
  destinations: number;
  secrets: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Masks written for rows saved before masks were stored beside the secrets. */
  masksBackfilled: number;
};

/** Throws UnreadableSecretsError when any stored secret fails to decrypt (wrong or missing key). */
export async function checkSecretsReadable(prisma: PrismaClient, keyring: Keyring): Promise<number> {
  const rows = await prisma.destination.findMany({ select: SECRET_SELECT });
  let total = 0;
  const failures: string[] = [];
  for (const row of rows) {
    for (const field of SECRET_FIELDS) {
      const box = row[encColumn(field)];
      if (!box) continue;
      total += 1;
      try {
        decryptSecret(box, keyring, secretAad(row.id, field));
      } catch (error) {
        failures.push(`destination ${row.id} ${field}: ${error instanceof SecretBoxError ? error.code : "unreadable"}`);
      }
    }
  }
  if (failures.length) throw new UnreadableSecretsError(failures.length, total, failures.slice(0, 3).join("; "));
  return total;
}

/**
 * Rewrites every secret not under the current key, and fills in a missing mask while the secret is
 * readable (boot runs this, so older rows get their masks at the first start with a working key).
 * Each update is conditional on the ciphertext it read, so a save racing with the rotation wins
 * instead of being overwritten with an older value.
 */
export async function reencryptDestinationSecrets(prisma: PrismaClient, keyring: Keyring): Promise<RotationReport> {
  await checkSecretsReadable(prisma, keyring);
  const rows = await prisma.destination.findMany({ select: SECRET_SELECT });
  const report: RotationReport = { destinations: rows.length, secrets: 0, reencrypted: 0, alreadyCurrent: 0, masksBackfilled: 0 };
  for (const row of rows) {
    for (const field of SECRET_FIELDS) {
      const box = row[encColumn(field)];
      if (!box) continue;
      report.secrets += 1;
      const isCurrent = !needsReencryption(box, keyring);
      const hasMask = row[maskColumn(field)] !== null;
      if (isCurrent) report.alreadyCurrent += 1;
      if (isCurrent && hasMask) continue;
      const secret = decryptSecret(box, keyring, secretAad(row.id, field));
      const data = {
        ...(isCurrent ? {} : { [encColumn(field)]: encryptSecret(secret, keyring, secretAad(row.id, field)) }),
        ...(hasMask ? {} : { [maskColumn(field)]: maskSecret(secret) }),
      };
      const { count } = await prisma.destination.updateMany({ where: { id: row.id, [encColumn(field)]: box }, data });
      if (!isCurrent) report.reencrypted += count;
      if (!hasMask) report.masksBackfilled += count;
    }
  }
  return report;
}
