import "server-only";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { resolveEncryptionKey, type KeySource } from "@/lib/platform/crypto/encryption-key-source";
import { createKeyring, type Keyring } from "@/lib/platform/crypto/keyring";
import { resolveDataDir } from "@/lib/platform/db/database-target";
import { getLogger } from "@/lib/platform/logging/logger";
import { getEnv, type Env } from "@/lib/platform/env/env";
import { runtimeSlot } from "./container";

export type ServerConfig = {
  keyring: Keyring;
  keySource: KeySource["kind"];
  allowedEndpoints: AllowedEndpoint[];
  dataDir: string;
  ingest: { ratePerSecond: number; burst: number; maxBacklog: number; maxBacklogBytes: number; otlpMaxBytes: number };
};

const config = runtimeSlot("server-config", () => buildServerConfig(getEnv()));

/**
 * The environment turned into keys and limits, once per process; a bad value fails loudly at start-up
 * (instrumentation.ts calls this before the first request) instead of at the first save.
 */
export function getServerConfig(): ServerConfig {
  return config.get();
}

export function buildServerConfig(env: Env): ServerConfig {
  const dataDir = resolveDataDir(env);
  const source = resolveEncryptionKey(env, dataDir);
  const keyring = createKeyring(source.key, env.BROADCAST_ENCRYPTION_KEYS_PREVIOUS);
  if (source.kind === "generated" && source.created) {
    getLogger().warn(
      { module: "config", file: source.file },
      "BROADCAST_ENCRYPTION_KEY is not set, so a new key was generated in the data directory. " +
        "Back it up: without it the stored S3 secrets cannot be decrypted. Set BROADCAST_ENCRYPTION_KEY for production.",
    );
  }
  return {
    keyring,
    keySource: source.kind,
    allowedEndpoints: env.BROADCAST_ALLOWED_ENDPOINTS,
    dataDir,
    ingest: {
      ratePerSecond: env.BROADCAST_INGEST_RATE_LIMIT,
      burst: env.BROADCAST_INGEST_BURST,
      maxBacklog: env.BROADCAST_MAX_BACKLOG,
      maxBacklogBytes: env.BROADCAST_MAX_BACKLOG_BYTES,
      otlpMaxBytes: env.BROADCAST_OTLP_MAX_BYTES,
    },
  };
}
