#!/usr/bin/env -S npx tsx
// `npm run rotate-keys`: re-encrypts every stored destination secret under the current
// BROADCAST_ENCRYPTION_KEY (older keys in BROADCAST_ENCRYPTION_KEYS_PREVIOUS), then reports counts.
// Afterwards the previous keys can be removed. Safe to run while the app is up on PostgreSQL; the
// embedded database can only be opened by one process, so stop the app first there (or just restart
// it: start-up performs the same re-encryption).
import { existsSync } from "node:fs";
import path from "node:path";
import { resolveEncryptionKey } from "../lib/platform/crypto/encryption-key-source";
import { createKeyring } from "../lib/platform/crypto/keyring";
import { resolveDataDir } from "../lib/platform/db/database-target";
import { openDatabase } from "../lib/platform/db/open-database";
import { reencryptDestinationSecrets } from "../lib/destinations/secret-rotation";

async function main(): Promise<number> {
  const env = process.env;
  const dataDir = resolveDataDir(env);
  // Never generate a key here: a fresh key could not decrypt anything.
  if (!env.BROADCAST_ENCRYPTION_KEY?.trim() && !existsSync(path.join(dataDir, "encryption.key"))) {
    throw new Error(`BROADCAST_ENCRYPTION_KEY is not set and ${path.join(dataDir, "encryption.key")} does not exist.`);
  }
  const source = resolveEncryptionKey({ ...env, BROADCAST_ALLOW_GENERATED_KEY: "1" }, dataDir);
  const previous = (env.BROADCAST_ENCRYPTION_KEYS_PREVIOUS ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  const keyring = createKeyring(source.key, previous);
  const database = await openDatabase();
  try {
    const report = await reencryptDestinationSecrets(database.prisma, keyring);
    console.log(
      `[rotate-keys] ${database.description}: ${report.destinations} destinations, ${report.secrets} secrets; ` +
        `re-encrypted ${report.reencrypted}, already under the current key ${report.alreadyCurrent} (key id ${keyring.current.id}).`,
    );
    if (previous.length > 0) console.log("[rotate-keys] BROADCAST_ENCRYPTION_KEYS_PREVIOUS can now be removed.");
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[rotate-keys] failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
