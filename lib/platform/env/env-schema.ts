import { z } from "zod";
import { DEFAULT_RETRY_POLICY } from "@/lib/core/delivery/retry-policy";
import { parseAllowedEndpoints } from "@/lib/platform/s3/allowed-endpoints";
import { parsePublicUrl, parseTrustedProxies } from "./request-origin-rules";

// Every environment variable the app reads, with its default and the message a bad value gets.
// Validation only: turning the encryption key into a keyring (which may write a key file) stays in
// lib/platform/runtime/server-config.ts.

export const DEFAULT_DELIVERY_CONCURRENCY = 16;
// The S3 client's socket pool holds 64 connections; more parallel writes would only queue there.
export const MAX_DELIVERY_CONCURRENCY = 64;
// Beyond 30 days the backlog of a dead bucket would only grow; the user can replay dead letters.
const MAX_HORIZON_HOURS = 720;
export const SERVER_ROLES = ["all", "ingest", "delivery", "web"] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];
const MAX_SERVER_WORKERS = 64;
const MAX_S3_THREADS = 16;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
const MAX_SHUTDOWN_TIMEOUT_MS = 10 * 60_000;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

type Check<T> = (value: string, fail: (message: string) => never) => T;

/** An optional variable: blank means the default; otherwise `check` returns the value or fails with a message. */
function variable<T>(fallback: T, check: Check<T>) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const value = raw?.trim();
      if (!value) return fallback;
      try {
        return check(value, (message) => {
          throw new Error(message);
        });
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });
}

const nonNegative = (name: string, fallback: number) =>
  variable(fallback, (raw, fail) => {
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : fail(`${name} must be a non-negative number; got "${raw}".`);
  });

const text = z.string().optional();
const trimmed = z.string().optional().transform((raw) => raw?.trim() || undefined);

export const envSchema = z
  .object({
    NODE_ENV: text,
    DATABASE_URL: variable<string | undefined>(undefined, (url, fail) =>
      /^postgres(ql)?:\/\//i.test(url) ? url : fail("DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database)."),
    ),
    // "memory://" is for tests that want a throw-away database.
    BROADCAST_DATA_DIR: z.string().optional().transform((raw) => raw || undefined),
    BROADCAST_ENCRYPTION_KEY: trimmed,
    BROADCAST_ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .optional()
      .transform((raw) => (raw ?? "").split(",").map((key) => key.trim()).filter(Boolean)),
    BROADCAST_ALLOW_GENERATED_KEY: text,
    BROADCAST_ALLOWED_ENDPOINTS: variable([], (raw) => parseAllowedEndpoints(raw)),
    BROADCAST_INGEST_RATE_LIMIT: nonNegative("BROADCAST_INGEST_RATE_LIMIT", 1000),
    BROADCAST_INGEST_BURST: nonNegative("BROADCAST_INGEST_BURST", 2000),
    BROADCAST_MAX_BACKLOG: nonNegative("BROADCAST_MAX_BACKLOG", 100_000),
    // Bytes of stored trace bodies waiting for delivery; 0 turns the byte bound off (rows still count).
    BROADCAST_MAX_BACKLOG_BYTES: nonNegative("BROADCAST_MAX_BACKLOG_BYTES", 2 * 1024 ** 3),
    // How people reach the app (https://broadcast.example.com): decides the Secure cookie and HSTS.
    BROADCAST_PUBLIC_URL: variable<string | undefined>(undefined, (raw, fail) => parsePublicUrl(raw, fail)),
    // Proxies whose X-Forwarded-For is believed; from anyone else the header is ignored.
    BROADCAST_TRUSTED_PROXIES: variable([], (raw, fail) => parseTrustedProxies(raw, fail)),
    // The port the server listens on: the production server's default (server-args.ts) and the setup link.
    PORT: trimmed,
    BROADCAST_OTLP_MAX_BYTES: nonNegative("BROADCAST_OTLP_MAX_BYTES", 4 * 1024 * 1024),
    BROADCAST_DELIVERY_CONCURRENCY: variable(DEFAULT_DELIVERY_CONCURRENCY, (raw, fail) =>
      /^\d+$/.test(raw) && Number(raw) <= MAX_DELIVERY_CONCURRENCY
        ? Number(raw)
        : fail(`BROADCAST_DELIVERY_CONCURRENCY must be a whole number from 0 to ${MAX_DELIVERY_CONCURRENCY}; got "${raw}".`),
    ),
    BROADCAST_RETRY_HORIZON_HOURS: variable(DEFAULT_RETRY_POLICY.horizonMs / 3_600_000, (raw, fail) => {
      const hours = Number(raw);
      return Number.isFinite(hours) && hours > 0 && hours <= MAX_HORIZON_HOURS
        ? hours
        : fail(`BROADCAST_RETRY_HORIZON_HOURS must be a number of hours above 0 and at most ${MAX_HORIZON_HOURS}; got "${raw}".`);
    }),
    // Operations (docs/operations.md).
    BROADCAST_METRICS_TOKEN: variable<string | null>(null, (token, fail) =>
      token.length >= 16 ? token : fail("BROADCAST_METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)."),
    ),
    BROADCAST_SHUTDOWN_TIMEOUT_MS: variable(DEFAULT_SHUTDOWN_TIMEOUT_MS, (raw, fail) =>
      /^\d+$/.test(raw) && Number(raw) >= 1_000 && Number(raw) <= MAX_SHUTDOWN_TIMEOUT_MS
        ? Number(raw)
        : fail(`BROADCAST_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to ${MAX_SHUTDOWN_TIMEOUT_MS}; got "${raw}".`),
    ),
    BROADCAST_LOG_LEVEL: variable("info", (raw, fail) =>
      LOG_LEVELS.includes(raw.toLowerCase()) ? raw.toLowerCase() : fail(`BROADCAST_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got "${raw}".`),
    ),
    BROADCAST_LOG_FORMAT: variable<"json" | "pretty">("json", (raw, fail) => {
      const format = raw.toLowerCase();
      return format === "json" || format === "pretty" ? format : fail(`BROADCAST_LOG_FORMAT must be "json" or "pretty"; got "${raw}".`);
    }),
    BROADCAST_ADMIN_EMAIL: trimmed,
    // A password is taken as given: spaces may be part of it.
    BROADCAST_ADMIN_PASSWORD: z.string().optional().transform((raw) => raw || undefined),
    BROADCAST_ADMIN_NAME: trimmed,
    // The production server (lib/platform/server/server-options.ts).
    BROADCAST_ROLE: variable<ServerRole>("all", (raw, fail) =>
      (SERVER_ROLES as readonly string[]).includes(raw) ? (raw as ServerRole) : fail(`BROADCAST_ROLE must be one of ${SERVER_ROLES.join(", ")}; got "${raw}".`),
    ),
    BROADCAST_WORKERS: variable<number | "auto">(1, (raw, fail) =>
      raw === "auto" || (/^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= MAX_SERVER_WORKERS)
        ? raw === "auto" ? "auto" : Number(raw)
        : fail(`BROADCAST_WORKERS must be a whole number from 1 to ${MAX_SERVER_WORKERS}, or "auto" (one per core); got "${raw}".`),
    ),
    BROADCAST_S3_THREADS: variable(1, (raw, fail) =>
      /^\d+$/.test(raw) && Number(raw) <= MAX_S3_THREADS
        ? Number(raw)
        : fail(`BROADCAST_S3_THREADS must be a whole number from 0 (PutObjects on the main thread) to ${MAX_S3_THREADS}; got "${raw}".`),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.BROADCAST_WORKERS !== 1 && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", message: "BROADCAST_WORKERS above 1 needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only." });
    }
    if (Boolean(env.BROADCAST_ADMIN_EMAIL) !== Boolean(env.BROADCAST_ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", message: "Set both BROADCAST_ADMIN_EMAIL and BROADCAST_ADMIN_PASSWORD, or neither." });
    }
  });

export type Env = z.output<typeof envSchema>;
