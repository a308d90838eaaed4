import type { S3Client } from "@aws-sdk/client-s3";
import { createTestS3Client, getObjectText, listAllKeys } from "../../tests/s3/s3-test-client";
import { readE2eEnv } from "./env";

// Reads the e2e s3rver directly, the way a person would check their bucket after a test.
let client: S3Client | null = null;

function s3rverClient(): S3Client {
  client ??= createTestS3Client(readE2eEnv().s3rver);
  return client;
}

/** Sorted keys in `bucket` under `prefix`; use with expect.poll for deliveries that are async. */
export function listKeys(bucket: string, prefix?: string): Promise<string[]> {
  return listAllKeys(s3rverClient(), bucket, prefix);
}

export function readObject(bucket: string, key: string): Promise<string> {
  return getObjectText(s3rverClient(), bucket, key);
}

/** Newline-delimited JSON objects, the way Athena reads them. */
export async function readJsonLines(bucket: string, key: string): Promise<unknown[]> {
  const text = await readObject(bucket, key);
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}
