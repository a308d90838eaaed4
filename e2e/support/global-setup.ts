import { mkdir, writeFile } from "node:fs/promises";
import type { FullConfig } from "@playwright/test";
import { startRgw, type RgwHandle } from "../../tests/s3/start-rgw";
import { startS3rver } from "../../tests/s3/start-s3rver";
import {
  BASE_URL,
  e2eDatabaseEnv,
  E2E_BUCKETS,
  E2E_ENV_FILE,
  RGW_DIR,
  RGW_PORT,
  S3RVER_DIR,
  S3RVER_PORT,
  SERVER_LOG,
  TMP_DIR,
  redactDatabaseUrl,
} from "./e2e-config";
import type { E2eEnv } from "./env";

/**
 * Starts the S3 servers on their fixed ports and records the run's facts in .tmp/e2e-env.json.
 * The database is reset by run-server.mjs instead: it must happen before `next start` opens it,
 * and Playwright may start the webServer before this runs.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  await mkdir(TMP_DIR, { recursive: true });
  const s3rver = await startS3rver({ port: S3RVER_PORT, directory: S3RVER_DIR, buckets: Object.values(E2E_BUCKETS) });
  let rgw: RgwHandle | null;
  try {
    rgw = await startRgw(RGW_DIR, RGW_PORT);
  } catch (error) {
    await s3rver.close();
    throw error;
  }

  const database = e2eDatabaseEnv();
  const facts: E2eEnv = {
    baseURL: BASE_URL,
    s3rver: {
      endpoint: s3rver.endpoint,
      port: s3rver.port,
      region: "us-east-1",
      accessKeyId: s3rver.accessKeyId,
      secretAccessKey: s3rver.secretAccessKey,
      buckets: { ...E2E_BUCKETS },
    },
    rgw: rgw && { endpoint: rgw.endpoint, region: rgw.region, bucket: rgw.bucket, admin: rgw.admin, writer: rgw.writer },
    database:
      "DATABASE_URL" in database
        ? { kind: "postgres", url: redactDatabaseUrl(database.DATABASE_URL) }
        : { kind: "pglite", dataDir: database.BROADCAST_DATA_DIR },
    serverLog: SERVER_LOG,
  };
  await writeFile(E2E_ENV_FILE, `${JSON.stringify(facts, null, 2)}\n`);

  return async () => {
    const results = await Promise.allSettled([s3rver.close(), rgw?.close()]);
    for (const result of results) if (result.status === "rejected") throw result.reason;
  };
}
