import type { LoggerOptions } from "pino";
import { getEnv, type Env } from "@/lib/platform/env/env";

// How log lines look, separate from where they go, so a test can build the same logger over a
// stream it reads. One JSON object a line: {"level":"info","time":"…","msg":"…", context ids…}.

export type LogFormat = "json" | "pretty";
export type LogSettings = { level: string; format: LogFormat };


/**
 * Field names whose values are never written, wherever they appear in a logged object: credentials,
 * keys and trace content (prompts, completions). Context ids and error codes are what logs carry.
 */
export const REDACTED_KEYS = [
  "secretAccessKey", "sessionToken", "accessKeyId", "password", "authorization", "cookie",
  "apiKey", "rawKey", "key", "token", "secret", "encryptionKey",
  "event", "input", "output", "messages", "prompt", "completion", "content", "body",
];

/** BROADCAST_LOG_LEVEL and BROADCAST_LOG_FORMAT, validated by the env schema (lib/platform/env). */
export function readLogSettings(env: Env = getEnv()): LogSettings {
  return { level: env.BROADCAST_LOG_LEVEL, format: env.BROADCAST_LOG_FORMAT };
}

export function pinoOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: "broadcast" },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    messageKey: "msg",
    formatters: { level: (label) => ({ level: label }) },
    // Two levels deep covers `{ destination: { secretAccessKey } }`; deeper objects are not logged.
    redact: {
      paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
      censor: "[redacted]",
    },
    serializers: { err: serializeError },
  };
}

/** Name, message and code only: stacks and `cause` chains can carry request bodies. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
}
