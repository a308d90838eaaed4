import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, inject, it } from "vitest";
import { createTestS3Client } from "./s3-test-client";
import { findRgwHarness, isOnPath, parseS3Endpoint } from "./start-rgw";

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  return "no error";
}

describe("start-rgw helpers", () => {
  it("reads the endpoint line among other output", () => {
    expect(parseS3Endpoint("noise\nS3_ENDPOINT=http://127.0.0.1:7480\n")).toBe("http://127.0.0.1:7480");
    expect(parseS3Endpoint("S3_ENDPOINT=\n")).toBeNull();
    expect(parseS3Endpoint("")).toBeNull();
  });

  it("finds shared/s3-rgw in a parent directory, or nothing", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "rgw-harness-"));
    try {
      // Nothing inside the temp dir yet: the walk finds only what lies above it on this machine (CI
      // may well keep shared/ in the temp dir's parent, e.g. /tmp/shared).
      expect(findRgwHarness(path.join(root, "repo"))).toBe(findRgwHarness(path.dirname(root)));
      await mkdir(path.join(root, "shared", "s3-rgw"), { recursive: true });
      for (const script of ["start-rgw.sh", "stop-rgw.sh"]) await writeFile(path.join(root, "shared", "s3-rgw", script), "");
      expect(findRgwHarness(path.join(root, "repo", "nested"))).toBe(path.join(root, "shared", "s3-rgw"));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("looks commands up on PATH", () => {
    expect(isOnPath("sh")).toBe(true);
    expect(isOnPath("definitely-not-a-command-xyz")).toBe(false);
    expect(isOnPath("sh", "")).toBe(false);
  });
});

const rgw = inject("rgw");

describe.skipIf(!rgw)("the Ceph Object Gateway from the global setup", () => {
  const gateway = rgw!;

  it("lets the writer PutObject into traces", async () => {
    const writer = createTestS3Client({ endpoint: gateway.endpoint, ...gateway.writer });
    try {
      const put = await writer.send(new PutObjectCommand({ Bucket: gateway.bucket, Key: `rgw-test/${Date.now()}.json`, Body: "{}" }));
      expect(put.$metadata.httpStatusCode).toBe(200);
      const get = writer.send(new GetObjectCommand({ Bucket: gateway.bucket, Key: "rgw-test/any.json" }));
      expect(await errorName(get)).toBe("AccessDenied");
    } finally {
      writer.destroy();
    }
  });

  it("rejects a wrong secret with SignatureDoesNotMatch", async () => {
    const wrong = createTestS3Client({ endpoint: gateway.endpoint, accessKeyId: gateway.writer.accessKeyId, secretAccessKey: "not-the-secret" });
    try {
      const put = wrong.send(new PutObjectCommand({ Bucket: gateway.bucket, Key: "rgw-test/wrong.json", Body: "{}" }));
      expect(await errorName(put)).toBe("SignatureDoesNotMatch");
    } finally {
      wrong.destroy();
    }
  });
});
