import path from "node:path";
import { fileURLToPath } from "node:url";
import { findRgwHarness, isOnPath } from "../../tests/s3/start-rgw";

// Fixed facts of an e2e run, shared by playwright.config.ts, the global setup and run-server.mjs.
// Playwright starts the webServer *before* globalSetup (1.65; other versions differ), so nothing
// here may depend on what the global setup did: each side derives the same values from this file.

/** Plain string map: process.env fits, and so does a literal in a test. */
export type Env = Record<string, string | undefined>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TMP_DIR = path.join(REPO_ROOT, ".tmp");

export const APP_HOST = "127.0.0.1";
export const APP_PORT = 3100;
export const BASE_URL = `http://${APP_HOST}:${APP_PORT}`;

export const S3RVER_PORT = 4610;
export const S3RVER_DIR = path.join(TMP_DIR, "e2e-s3");
export const E2E_BUCKETS = { traces: "e2e-traces", other: "e2e-other" } as const;

// A fixed port the server can allow before the gateway exists; outside Ceph's 6800-7300 OSD range.
export const RGW_PORT = 4620;
// Fixed, not per-pid: start-rgw.sh stops a cluster an interrupted run left in the same directory.
export const RGW_DIR = "/tmp/broadcast-e2e-rgw";

export const E2E_DATA_DIR = path.join(TMP_DIR, "e2e-data");
export const E2E_ENV_FILE = path.join(TMP_DIR, "e2e-env.json");
export const SERVER_LOG = path.join(TMP_DIR, "e2e-server.log");

/** Test-only key (base64 of 32 bytes); tests also check it never shows up in the server log. */
export const E2E_ENCRYPTION_KEY = "YnJvYWRjYXN0LWUyZS1maXhlZC10ZXN0LWtleS0zMmI=";

/** Where the e2e global setup will start the gateway, or false where it cannot run. */
export function isRgwExpected(env: Env = process.env): boolean {
  // On CI the gateway is mandatory: startRgw throws there instead of returning null.
  return Boolean(env.CI) || (findRgwHarness() !== null && isOnPath("radosgw", env.PATH));
}

/** The store the e2e app uses: the caller's DATABASE_URL if set, else a PGlite dir under .tmp. */
export function e2eDatabaseEnv(env: Env = process.env): { DATABASE_URL: string } | { BROADCAST_DATA_DIR: string } {
  const url = env.DATABASE_URL?.trim();
  return url ? { DATABASE_URL: url } : { BROADCAST_DATA_DIR: E2E_DATA_DIR };
}

export function allowedEndpoints(env: Env = process.env): string {
  const entries = [`127.0.0.1:${S3RVER_PORT}`, `localhost:${S3RVER_PORT}`];
  if (isRgwExpected(env)) entries.push(`127.0.0.1:${RGW_PORT}`);
  return entries.join(",");
}

/** The environment `next start` runs with. */
export function buildServerEnv(env: Env = process.env): Env {
  // FORCE_COLOR comes from Playwright; plain text keeps the log easy to search.
  const { DATABASE_URL: _url, BROADCAST_DATA_DIR: _dataDir, FORCE_COLOR: _color, ...rest } = env;
  return {
    ...rest,
    NO_COLOR: "1",
    ...e2eDatabaseEnv(env),
    PORT: String(APP_PORT),
    NODE_ENV: "production",
    BROADCAST_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
    BROADCAST_LOCAL_S3: "0",
    BROADCAST_ALLOWED_ENDPOINTS: allowedEndpoints(env),
    // The printed setup link then names the address the browser uses (its cookies are per host).
    BROADCAST_PUBLIC_URL: BASE_URL,
  };
}

/** A DATABASE_URL without its password, safe to write to files and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "redacted";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
