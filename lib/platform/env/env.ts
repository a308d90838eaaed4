import { envSchema, type Env } from "./env-schema";

export type { Env } from "./env-schema";
export { DEFAULT_DELIVERY_CONCURRENCY, MAX_DELIVERY_CONCURRENCY } from "./env-schema";

/**
 * Validates a whole environment at once: every bad variable is named in the one error, so an
 * operator fixes them in one go instead of one restart per typo.
 */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => issue.message);
  throw new Error(messages.length === 1 ? messages[0] : `${messages.length} environment variables are not usable: ${messages.join(" ")}`);
}

// The only read of process.env in the app (ESLint enforces it). Parsed on first use, which
// instrumentation.ts makes the server's start; the parse is pure, so each of Next's module graphs
// holding its own copy is harmless.
let parsed: Env | undefined;

export function getEnv(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

/**
 * The production server (lib/platform/server/main.ts) serves only production builds and, like
 * `next start`, runs with NODE_ENV=production whatever it was started with.
 */
export function enterProductionMode(): void {
  (process.env as Record<string, string>).NODE_ENV = "production";
  parsed = undefined;
}

/** Tests that change process.env call this so the next getEnv() reads it again. */
export function resetEnv(): void {
  parsed = undefined;
}
