import { mkdir, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestS3Client, getObjectText, listAllKeys } from "./s3-test-client";
import { startS3rver, type S3rverHandle } from "./start-s3rver";

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  return "no error";
}

describe("startS3rver with the current AWS SDK v3", () => {
  const directory = path.join(os.tmpdir(), `broadcast-s3rver-test-${process.pid}`);
  let server: S3rverHandle;
  let client: S3Client;

  beforeAll(async () => {
    // A leftover file proves the directory is emptied at start.
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, "leftover"), "x");
    server = await startS3rver({ directory, buckets: ["round-trip"] });
    client = createTestS3Client(server);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });

  it("listens on a free loopback port in a fresh directory", async () => {
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(await readdir(directory)).toEqual(["round-trip"]);
  });

  it("round-trips PutObject and GetObject", async () => {
    const body = JSON.stringify({ trace: "t-1", text: "héllo" });
    await client.send(new PutObjectCommand({ Bucket: "round-trip", Key: "a/b/trace.json", Body: body }));
    expect(await getObjectText(client, "round-trip", "a/b/trace.json")).toBe(body);
    expect(await listAllKeys(client, "round-trip", "a/")).toEqual(["a/b/trace.json"]);
  });

  it("names an unknown bucket NoSuchBucket", async () => {
    const put = client.send(new PutObjectCommand({ Bucket: "no-such-bucket", Key: "k", Body: "x" }));
    expect(await errorName(put)).toBe("NoSuchBucket");
  });

  it("names an unknown key id InvalidAccessKeyId (the secret itself is never checked)", async () => {
    const wrong = createTestS3Client({ ...server, accessKeyId: "AKIAWRONGWRONGWRONG" });
    try {
      expect(await errorName(wrong.send(new PutObjectCommand({ Bucket: "round-trip", Key: "k", Body: "x" })))).toBe(
        "InvalidAccessKeyId",
      );
    } finally {
      wrong.destroy();
    }
  });

  it("close() can be called twice", async () => {
    const other = await startS3rver({ directory: `${directory}-2`, buckets: [] });
    await other.close();
    await expect(other.close()).resolves.toBeUndefined();
  });
});

describe("the s3rver started by the global setup", () => {
  it("has the buckets traces, traces-2 and traces-3", async () => {
    const provided = inject("s3rver");
    expect(provided.buckets).toEqual(["traces", "traces-2", "traces-3"]);
    const client = createTestS3Client(provided);
    try {
      for (const bucket of provided.buckets) expect(Array.isArray(await listAllKeys(client, bucket))).toBe(true);
    } finally {
      client.destroy();
    }
  });
});
