import type { LoggerOptions } from "pino";

// How log lines look, separate from where they go, so a test can build the same logger over a
// stream it reads. One JSON object a line: {"level":"info","time":"…","msg":"…", context ids…}.

export type LogFormat = "json" | "pretty";
export type LogSettings = { level: string; format: LogFormat };

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Field names whose values are never written, wherever they appear in a logged object: credentials,
 * keys and trace content (prompts, completions). Context ids and error codes are what logs carry.
 */
export const REDACTED_KEYS = [
  "secretAccessKey", "sessionToken", "accessKeyId", "password", "authorization", "cookie",
  "apiKey", "rawKey", "key", "token", "secret", "encryptionKey",
  "event", "input", "output", "messages", "prompt", "completion", "content", "body",
];

type Env = Record<string, string | undefined>;

export function readLogSettings(env: Env = process.env): LogSettings {
  const level = (env.BROADCAST_LOG_LEVEL?.trim() || "info").toLowerCase();
  if (!LEVELS.includes(level)) {
    throw new Error(`BROADCAST_LOG_LEVEL must be one of ${LEVELS.join(", ")}; got "${env.BROADCAST_LOG_LEVEL}".`);
  }
  const format = (env.BROADCAST_LOG_FORMAT?.trim() || "json").toLowerCase();
  if (format !== "json" && format !== "pretty") {
    throw new Error(`BROADCAST_LOG_FORMAT must be "json" or "pretty"; got "${env.BROADCAST_LOG_FORMAT}".`);
  }
  return { level, format };
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
