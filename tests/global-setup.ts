import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { findFreePort } from "./s3/free-port";
import { startRgw, type RgwHandle } from "./s3/start-rgw";
import { startS3rver } from "./s3/start-s3rver";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const S3RVER_BUCKETS = ["traces", "traces-2", "traces-3"];

/**
 * Starts the S3 servers the integration tests share: s3rver (storage behaviour) always, and the
 * Ceph Object Gateway (real signature and policy checks) where it is installed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await mkdir(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const s3rverDir = await mkdtemp(path.join(REPO_ROOT, ".tmp", "s3rver-"));
  const s3rver = await startS3rver({ directory: s3rverDir, buckets: S3RVER_BUCKETS });

  // Pid in the name: two checkouts (or engineers) on one machine must not share a cluster.
  const rgwDir = `/tmp/broadcast-rgw-${process.pid}`;
  let rgw: RgwHandle | null = null;
  try {
    rgw = await startRgw(rgwDir, await findFreePort());
  } catch (error) {
    await s3rver.close();
    throw error;
  }

  project.provide("s3rver", {
    endpoint: s3rver.endpoint,
    accessKeyId: s3rver.accessKeyId,
    secretAccessKey: s3rver.secretAccessKey,
    buckets: S3RVER_BUCKETS,
  });
  project.provide(
    "rgw",
    rgw && { endpoint: rgw.endpoint, region: rgw.region, bucket: rgw.bucket, admin: rgw.admin, writer: rgw.writer },
  );

  return async () => {
    const results = await Promise.allSettled([s3rver.close(), rgw?.close()]);
    await rm(s3rverDir, { recursive: true, force: true });
    // Keep the RGW dir (its logs) when stopping failed, so the failure can be looked at.
    if (rgw && results[1]?.status === "fulfilled") await rm(rgwDir, { recursive: true, force: true });
    for (const result of results) if (result.status === "rejected") throw result.reason;
  };
}
