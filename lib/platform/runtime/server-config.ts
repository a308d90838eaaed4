import "server-only";
import { parseAllowedEndpoints, type AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { resolveEncryptionKey, type KeySource } from "@/lib/platform/crypto/encryption-key-source";
import { createKeyring, type Keyring } from "@/lib/platform/crypto/keyring";
import { resolveDataDir } from "@/lib/platform/db/database-target";
import { getLogger } from "@/lib/platform/logging/logger";

export type ServerConfig = {
  keyring: Keyring;
  keySource: KeySource["kind"];
  allowedEndpoints: AllowedEndpoint[];
  dataDir: string;
  ingest: { ratePerSecond: number; burst: number; maxBacklog: number };
};

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number; got "${raw}".`);
  return value;
}

const globalForConfig = globalThis as unknown as { broadcastConfig?: ServerConfig };

/**
 * Reads and validates the environment once per process; a bad value fails loudly at start-up
 * (instrumentation.ts calls this before the first request) instead of at the first save.
 */
export function getServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  if (globalForConfig.broadcastConfig) return globalForConfig.broadcastConfig;
  const dataDir = resolveDataDir(env);
  const source = resolveEncryptionKey(env, dataDir);
  const previous = (env.BROADCAST_ENCRYPTION_KEYS_PREVIOUS ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  const keyring = createKeyring(source.key, previous);
  if (source.kind === "generated" && source.created) {
    getLogger().warn(
      { module: "config", file: source.file },
      "BROADCAST_ENCRYPTION_KEY is not set, so a new key was generated in the data directory. " +
        "Back it up: without it the stored S3 secrets cannot be decrypted. Set BROADCAST_ENCRYPTION_KEY for production.",
    );
  }
  const config: ServerConfig = {
    keyring,
    keySource: source.kind,
    allowedEndpoints: parseAllowedEndpoints(env.BROADCAST_ALLOWED_ENDPOINTS),
    dataDir,
    ingest: {
      ratePerSecond: positiveNumber(env, "BROADCAST_INGEST_RATE_LIMIT", 1000),
      burst: positiveNumber(env, "BROADCAST_INGEST_BURST", 2000),
      maxBacklog: positiveNumber(env, "BROADCAST_MAX_BACKLOG", 100_000),
    },
  };
  globalForConfig.broadcastConfig = config;
  return config;
}
