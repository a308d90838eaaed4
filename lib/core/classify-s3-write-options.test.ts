import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { classifyS3Error } from "@/lib/core/classify-s3-error";

// Servers that refuse the destination's encryption or storage-class headers, as S3, MinIO, R2 and
// Ceph answer them.
function service(name: string, status: number, message: string) {
  return new S3ServiceException({ name, $fault: "client", message, $metadata: { httpStatusCode: status } });
}

describe("write option refusals", () => {
  it.each([
    ["InvalidStorageClass", 400, "The storage class you specified is not valid"],
    ["NotImplemented", 501, "A header you provided implies functionality that is not implemented"],
    ["KMSNotConfigured", 501, "Server side encryption specified but KMS is not configured"],
    ["InvalidArgument", 400, "Server Side Encryption with KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms"],
    ["InvalidRequest", 400, "The encryption method specified is not supported"],
  ])("%s is a refused option, not retried", (name, status, message) => {
    const failure = classifyS3Error(service(name, status, message));
    expect(failure).toMatchObject({ code: "write-option-unsupported", retryable: false });
    expect(failure.hint).toMatch(/Server-side encryption|Storage class/);
  });

  it.each([
    ["KMS.NotFoundException", 400, "Invalid keyId arn:aws:kms:eu-west-1:123456789012:key/x"],
    ["KMS.DisabledException", 400, "The key is disabled"],
    ["AccessDenied", 403, "User: arn:aws:iam::123:user/b is not authorized to perform: kms:GenerateDataKey on resource"],
  ])("%s is about the KMS key and names kms:GenerateDataKey", (name, status, message) => {
    const failure = classifyS3Error(service(name, status, message));
    expect(failure).toMatchObject({ code: "kms-key", retryable: false });
    expect(failure.hint).toContain("kms:GenerateDataKey");
    // Raw messages are never copied: they can hold account ids and key ARNs.
    expect(failure.message).not.toContain("arn:");
  });

  it("an unrelated InvalidArgument and a plain AccessDenied keep their meaning", () => {
    expect(classifyS3Error(service("InvalidArgument", 400, "Invalid part number")).code).toBe("unknown");
    expect(classifyS3Error(service("AccessDenied", 403, "Access Denied")).code).toBe("access-denied");
  });
});
