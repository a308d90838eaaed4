import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_BUCKET, startLocalS3 } from "./local-s3.mjs";
import { listLocalObjects } from "./local-s3-files.mjs";

type LocalS3 = Awaited<ReturnType<typeof startLocalS3>>;

const dirs: string[] = [];
const started: LocalS3[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function client(bucket: LocalS3): S3Client {
  return new S3Client({
    endpoint: bucket.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: bucket.accessKeyId, secretAccessKey: bucket.secretAccessKey },
  });
}

describe("the local demo bucket", () => {
  it("comes up twice when two instances start at the same moment on the same port", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "broadcast-local-s3-"));
    dirs.push(root);
    // The same port for both: one gets it, the other must fall back to a free one instead of crashing.
    const probe = await startLocalS3({ root, port: 0 });
    const port = probe.port;
    await probe.close();
    const both = await Promise.all([startLocalS3({ root, port }), startLocalS3({ root, port })]);
    started.push(...both);
    expect(new Set(both.map((b) => b.port)).size).toBe(2);
    expect(both.map((b) => b.port)).toContain(port);
    for (const bucket of both) {
      const key = `check/${bucket.port}.json`;
      await client(bucket).send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: key, Body: '{"ok":true}' }));
      const got = await client(bucket).send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
      expect(await got.Body?.transformToString()).toBe('{"ok":true}');
    }
  });

  it("lists its files under the keys S3 clients use, not s3rver's on-disk names", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "broadcast-local-s3-"));
    dirs.push(root);
    const bucket = await startLocalS3({ root, port: 0 });
    started.push(bucket);
    await client(bucket).send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: "openrouter-traces/2026-12-01/t1-1764547200.json", Body: '{"id":"t1"}' }));
    await client(bucket).send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: "other/t2.json", Body: "{}" }));
    const listed = listLocalObjects(bucket.directory, "openrouter-traces/");
    expect(listed.map((o) => o.key)).toEqual(["openrouter-traces/2026-12-01/t1-1764547200.json"]);
    expect(listed[0]?.bytes).toBe('{"id":"t1"}'.length);
  });
});
