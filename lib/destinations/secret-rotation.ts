import { decryptSecret, encryptSecret, needsReencryption, SecretBoxError } from "@/lib/platform/crypto/secret-box";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// Key rotation for destination secrets. No "server-only" marker: `npm run rotate-keys` (tsx) runs it
// outside Next.js. Messages name rows and key ids (a salted hash), never a key or a secret.

const FIELDS = [
  { column: "secretAccessKeyEnc", field: "secretAccessKey" },
  { column: "sessionTokenEnc", field: "sessionToken" },
] as const;

const aad = (id: string, field: string) => `destination:${id}:${field}`;

export class UnreadableSecretsError extends Error {
  constructor(count: number, total: number, detail: string) {
    super(
      `${count} of ${total} stored destination secrets cannot be decrypted with the configured encryption keys (${detail}). ` +
        "Set BROADCAST_ENCRYPTION_KEY to the key they were saved with, or keep that key in BROADCAST_ENCRYPTION_KEYS_PREVIOUS until `npm run rotate-keys` has re-encrypted them.",
    );
    this.name = "UnreadableSecretsError";
  }
}

export type RotationReport = { destinations: number; secrets: number; reencrypted: number; alreadyCurrent: number };

/** Throws UnreadableSecretsError when any stored secret fails to decrypt (wrong or missing key). */
export async function checkSecretsReadable(prisma: PrismaClient, keyring: Keyring): Promise<number> {
  const rows = await prisma.destination.findMany({ select: { id: true, secretAccessKeyEnc: true, sessionTokenEnc: true } });
  let total = 0;
  const failures: string[] = [];
  for (const row of rows) {
    for (const { column, field } of FIELDS) {
      const box = row[column];
      if (!box) continue;
      total += 1;
      try {
        decryptSecret(box, keyring, aad(row.id, field));
      } catch (error) {
        failures.push(`destination ${row.id} ${field}: ${error instanceof SecretBoxError ? error.code : "unreadable"}`);
      }
    }
  }
  if (failures.length) throw new UnreadableSecretsError(failures.length, total, failures.slice(0, 3).join("; "));
  return total;
}

/**
 * Rewrites every secret not under the current key. Each update is conditional on the ciphertext it
 * read, so a save racing with the rotation wins instead of being overwritten with an older value.
 */
export async function reencryptDestinationSecrets(prisma: PrismaClient, keyring: Keyring): Promise<RotationReport> {
  await checkSecretsReadable(prisma, keyring);
  const rows = await prisma.destination.findMany({ select: { id: true, secretAccessKeyEnc: true, sessionTokenEnc: true } });
  const report: RotationReport = { destinations: rows.length, secrets: 0, reencrypted: 0, alreadyCurrent: 0 };
  for (const row of rows) {
    for (const { column, field } of FIELDS) {
      const box = row[column];
      if (!box) continue;
      report.secrets += 1;
      if (!needsReencryption(box, keyring)) {
        report.alreadyCurrent += 1;
        continue;
      }
      const fresh = encryptSecret(decryptSecret(box, keyring, aad(row.id, field)), keyring, aad(row.id, field));
      const { count } = await prisma.destination.updateMany({ where: { id: row.id, [column]: box }, data: { [column]: fresh } });
      report.reencrypted += count;
    }
  }
  return report;
}
