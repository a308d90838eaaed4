import {
  GetObjectCommand,
  ListObjectsCommand,
  S3Client,
  type ListObjectsCommandOutput,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export type TestS3ClientOptions = { endpoint: string; accessKeyId: string; secretAccessKey: string; region?: string };

/**
 * An S3 client for tests' own checks of a bucket (not the app's client under test).
 * Path-style because the servers are addressed by IP; checksums only when required because
 * s3rver stores aws-chunked trailers verbatim and RGW rejects them on stream bodies; one attempt
 * and hard timeouts so a broken server fails the test quickly instead of retrying or hanging.
 */
export function createTestS3Client(opts: TestS3ClientOptions): S3Client {
  return new S3Client({
    endpoint: opts.endpoint,
    region: opts.region ?? "us-east-1",
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 20_000, throwOnRequestTimeout: true }),
  });
}

/**
 * Every key under `prefix`, sorted. ListObjects v1 with markers: s3rver's v2 continuation tokens
 * use DES, which Node 20's OpenSSL 3 refuses, so v2 fails past the first 1,000 keys.
 */
export async function listAllKeys(client: S3Client, bucket: string, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, Marker: marker }));
    const batch = (page.Contents ?? []).flatMap((item) => (item.Key === undefined ? [] : [item.Key]));
    keys.push(...batch);
    if (!page.IsTruncated || batch.length === 0) break;
    marker = batch.at(-1);
  }
  return keys.sort();
}

export async function getObjectText(client: S3Client, bucket: string, key: string): Promise<string> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return response.Body.transformToString("utf-8");
}
