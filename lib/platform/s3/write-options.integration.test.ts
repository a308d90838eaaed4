import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "@/tests/faults/fault-proxy";
import { testS3Connection, type ConnectionTarget } from "./test-connection";

// Encryption and storage class on the wire: Test Connection sends exactly the headers the
// destination asks for (none for the defaults), and a real gateway accepts or refuses them with a
// classified message.

const s3rver = inject("s3rver");
const rgw = inject("rgw");
const hostPort = (endpoint: string) => ({ host: "127.0.0.1", port: Number(new URL(endpoint).port) });
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/0b8e4c1a-5f2d-4e7b-9a3c-1d2e3f4a5b6c";

describe("write options on Test Connection, seen by a recording proxy", () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(s3rver.endpoint);
  });
  afterAll(() => proxy?.close());

  const target = (over: Partial<ConnectionTarget>): ConnectionTarget => ({
    bucketName: "traces",
    region: "us-east-1",
    endpoint: proxy.endpoint,
    accessKeyId: s3rver.accessKeyId,
    secretAccessKey: s3rver.secretAccessKey,
    sessionToken: null,
    prefix: "write-options",
    pathTemplate: "{prefix}/{date}",
    ...over,
  });
  const put = async (over: Partial<ConnectionTarget>, expected: object = { ok: true }) => {
    proxy.clearRequests();
    const result = await testS3Connection(target(over), { allowedEndpoints: [hostPort(proxy.endpoint)] });
    expect(result).toMatchObject(expected);
    const puts = proxy.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(1);
    return puts[0]?.headers ?? {};
  };

  it("sends no encryption or storage-class header for the defaults", async () => {
    const headers = await put({ serverSideEncryption: "none", kmsKeyId: "", storageClass: "STANDARD" });
    expect(Object.keys(headers).filter((h) => /server-side-encryption|storage-class/.test(h))).toEqual([]);
  });

  it("sends SSE-S3 and the storage class", async () => {
    const headers = await put({ serverSideEncryption: "AES256", storageClass: "STANDARD_IA" });
    expect(headers).toMatchObject({ "x-amz-server-side-encryption": "AES256", "x-amz-storage-class": "STANDARD_IA" });
  });

  it("sends SSE-KMS with the key; s3rver, which has no KMS, gets a classified refusal", async () => {
    const refused = { ok: false, failure: { code: "write-option-unsupported", retryable: false } };
    const headers = await put({ serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN, storageClass: "GLACIER_IR" }, refused);
    expect(headers).toMatchObject({
      "x-amz-server-side-encryption": "aws:kms",
      "x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN,
      "x-amz-storage-class": "GLACIER_IR",
    });
  });
});

describe.skipIf(!rgw)("write options on the Ceph Object Gateway", () => {
  const gw = rgw!;
  const target = (over: Partial<ConnectionTarget>): ConnectionTarget => ({
    bucketName: gw.bucket,
    region: gw.region,
    endpoint: gw.endpoint,
    accessKeyId: gw.writer.accessKeyId,
    secretAccessKey: gw.writer.secretAccessKey,
    sessionToken: null,
    prefix: "openrouter-traces",
    pathTemplate: "openrouter-traces/{date}",
    ...over,
  });
  const test = (over: Partial<ConnectionTarget>) => testS3Connection(target(over), { allowedEndpoints: [hostPort(gw.endpoint)] });

  // This gateway has no storage classes besides STANDARD configured, and refuses SSE over plain
  // HTTP: bare 400s that are classified because we know which headers we sent.
  it("accepts the defaults", async () => {
    expect(await test({ serverSideEncryption: "none", storageClass: "STANDARD" })).toMatchObject({ ok: true });
  });

  it.each([
    { storageClass: "STANDARD_IA" },
    { serverSideEncryption: "AES256" },
    { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN },
  ] as Partial<ConnectionTarget>[])("refuses %o with a classified message", async (over) => {
    const result = await test(over);
    expect(result).toMatchObject({ ok: false, failure: { code: "write-option-unsupported", retryable: false, status: 400 } });
  });
});
