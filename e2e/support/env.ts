import { readFileSync } from "node:fs";
import type { RgwInfo } from "../../tests/s3/start-rgw";
import { E2E_ENV_FILE, SERVER_LOG } from "./e2e-config";

/** Written by e2e/support/global-setup.ts to .tmp/e2e-env.json; read by specs and helpers. */
export type E2eEnv = {
  baseURL: string;
  s3rver: {
    endpoint: string;
    port: number;
    region: "us-east-1";
    accessKeyId: string;
    secretAccessKey: string;
    buckets: { traces: string; other: string };
  };
  /** null on a developer machine without radosgw (never on CI). */
  rgw: RgwInfo | null;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  serverLog: string;
};

let cached: E2eEnv | null = null;

export function readE2eEnv(): E2eEnv {
  cached ??= JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as E2eEnv;
  return cached;
}

/** Everything the app server printed so far in this run (stdout and stderr). */
export function readServerLog(): string {
  return readFileSync(SERVER_LOG, "utf8");
}
