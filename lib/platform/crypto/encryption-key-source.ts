import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { isEncryptionKeyMissing, MISSING_ENCRYPTION_KEY_MESSAGE } from "@/lib/platform/env/encryption-key-rule.mjs";

export type KeySource =
  | { kind: "env"; key: string }
  | { kind: "generated"; key: string; file: string; created: boolean };

type KeyEnv = { BROADCAST_ENCRYPTION_KEY?: string; NODE_ENV?: string; BROADCAST_ALLOW_GENERATED_KEY?: string };

export class MissingEncryptionKeyError extends Error {
  constructor() {
    super(MISSING_ENCRYPTION_KEY_MESSAGE);
    this.name = "MissingEncryptionKeyError";
  }
}

/**
 * Where the secret-encryption key comes from. Production must be given one explicitly: a key that
 * silently appears on disk would be lost with the container. For the embedded default a key is
 * generated once into the data directory, so `npm start` works on a fresh machine.
 */
export function resolveEncryptionKey(env: KeyEnv, dataDir: string): KeySource {
  const fromEnv = env.BROADCAST_ENCRYPTION_KEY?.trim();
  if (fromEnv) return { kind: "env", key: fromEnv };
  if (isEncryptionKeyMissing(env)) throw new MissingEncryptionKeyError();

  const file = path.join(dataDir, "encryption.key");
  if (existsSync(file)) return { kind: "generated", key: readFileSync(file, "utf8").trim(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64");
  // 0600: the key protects every stored credential.
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return { kind: "generated", key, file, created: true };
}
