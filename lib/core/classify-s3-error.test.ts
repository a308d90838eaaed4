import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  AccessDenied,
  HeadBucketCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3Failure, type S3FailureCode, classifyS3Error } from "@/lib/core/classify-s3-error";
import { BlockedEndpointError } from "@/lib/platform/s3/endpoint-guard";

// Builders that mirror what the SDK and Node actually throw.
function service(name: string, status: number, message = "UnknownError", extra: Record<string, unknown> = {}) {
  return Object.assign(
    new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", message, $metadata: { httpStatusCode: status } }),
    extra,
  );
}
function sdkLike(name: string, status: number, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: "client" }, extra);
}
function nodeError(code: string, message: string, extra: Record<string, unknown> = {}) {
  // The SDK's retry middleware attaches an empty-status $metadata to network errors.
  return Object.assign(new Error(message), { code, $metadata: { attempts: 1, totalRetryDelay: 0 } }, extra);
}
function wrapped(cause: unknown, message = "fetch failed") {
  return new TypeError(message, { cause });
}

function expectCode(failure: S3Failure, code: S3FailureCode, retryable: boolean) {
  expect(failure.code).toBe(code);
  expect(failure.retryable).toBe(retryable);
  expect(failure.message.length).toBeGreaterThan(10);
  expect(failure.hint.length).toBeGreaterThan(10);
}

describe("bucket, permission and credential errors", () => {
  it("NoSuchBucket (real SDK class)", () => {
    const failure = classifyS3Error(
      new NoSuchBucket({ message: "The specified bucket does not exist", $metadata: { httpStatusCode: 404 } }),
    );
    expectCode(failure, "no-such-bucket", false);
    expect(failure).toMatchObject({
      message: "The bucket does not exist.",
      hint: "Check the Bucket Name and that it lives in this account and region (or at this endpoint).",
      status: 404,
    });
  });

  it("NoSuchBucket built like the SDK does", () => {
    const error = sdkLike("NoSuchBucket", 404, "The specified bucket does not exist", { Code: "NoSuchBucket" });
    expectCode(classifyS3Error(error), "no-such-bucket", false);
  });

  it("a bodyless 404 from HeadBucket (NotFound)", () => {
    expectCode(classifyS3Error(new NotFound({ message: "UnknownError", $metadata: { httpStatusCode: 404 } })), "no-such-bucket", false);
    expectCode(classifyS3Error(service("Unknown", 404)), "no-such-bucket", false);
  });

  it("does not mistake NoSuchKey for a missing bucket", () => {
    const failure = classifyS3Error(new NoSuchKey({ message: "The specified key does not exist.", $metadata: { httpStatusCode: 404 } }));
    expect(failure.code).toBe("unknown");
    expect(failure.message).toContain("NoSuchKey, HTTP 404");
  });

  it.each([
    ["AccessDenied (real SDK class)", new AccessDenied({ message: "Access Denied", $metadata: { httpStatusCode: 403 } })],
    ["AccessDenied via Code", service("AccessDenied", 403, "Access Denied", { Code: "AccessDenied" })],
    ["AllAccessDisabled", service("AllAccessDisabled", 403, "All access to this object has been disabled")],
    ["bare 403 named Unknown (HEAD)", service("Unknown", 403)],
    ["bare 403 named Forbidden", sdkLike("Forbidden", 403, "Forbidden")],
    ["401 from an S3-compatible server", service("Unauthorized", 401)],
  ])("%s → access-denied", (_label, error) => {
    const failure = classifyS3Error(error);
    expectCode(failure, "access-denied", false);
    expect(failure.status).toBe((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode);
  });

  it("InvalidAccessKeyId without echoing the key id", () => {
    const error = service("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", {
      AWSAccessKeyId: "AKIAIOSFODNN7EXAMPLE",
    });
    const failure = classifyS3Error(error);
    expectCode(failure, "invalid-access-key", false);
    expect(failure.message).toBe("The Access Key Id is not recognised by the server.");
    expect(failure.hint).toBe("Copy the key id again; for R2 use an R2 API token's Access Key ID, not the account id.");
    expect(JSON.stringify(failure)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("SignatureDoesNotMatch never leaks the StringToSign, canonical request or secret", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const stringToSign = `AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/s3/aws4_request\n${secret}`;
    const error = service(
      "SignatureDoesNotMatch",
      403,
      `The request signature we calculated does not match the signature you provided. StringToSign: ${stringToSign} secret=${secret}`,
      { AWSAccessKeyId: "AKIAIOSFODNN7EXAMPLE", StringToSign: stringToSign, CanonicalRequest: "PUT\n/bucket/key\n\nhost:x", SignatureProvided: "abc123" },
    );
    const failure = classifyS3Error(error);
    expectCode(failure, "signature-mismatch", false);
    expect(failure).toEqual({
      code: "signature-mismatch",
      message: "The Secret Access Key does not match the Access Key Id.",
      hint: "Re-enter the secret; check for stray spaces.",
      retryable: false,
      status: 403,
    });
    const out = JSON.stringify(failure);
    for (const leak of [secret, "AWS4-HMAC-SHA256", "StringToSign", "AKIAIOSFODNN7EXAMPLE", "CanonicalRequest", "abc123"]) {
      expect(out).not.toContain(leak);
    }
  });

  it.each([
    ["ExpiredToken", "expired-token"],
    ["TokenRefreshRequired", "expired-token"],
    ["InvalidToken", "invalid-token"],
  ] as const)("%s → %s", (name, code) => {
    const failure = classifyS3Error(service(name, 400, "The provided token has expired."));
    expectCode(failure, code, false);
    expect(failure.message).toMatch(/Session Token/);
  });
});

describe("wrong region", () => {
  it("PermanentRedirect names the region from the Endpoint", () => {
    const error = service("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint.", {
      Endpoint: "my-bucket.s3.eu-west-1.amazonaws.com",
      Bucket: "my-bucket",
    });
    const failure = classifyS3Error(error);
    expectCode(failure, "wrong-region", false);
    expect(failure.hint).toContain("Region field");
    expect(failure.hint).toContain("The bucket is in eu-west-1.");
    expect(failure.status).toBe(301);
  });

  it("a bodyless 301 names the region from the x-amz-bucket-region header", () => {
    const error = Object.assign(service("Unknown", 301), {
      $response: { statusCode: 301, headers: { "x-amz-bucket-region": "ap-southeast-2" }, body: undefined },
    });
    const failure = classifyS3Error(error);
    expectCode(failure, "wrong-region", false);
    expect(failure.hint).toContain("The bucket is in ap-southeast-2.");
  });

  it("a bodyless 400 with the bucket-region header is a region problem", () => {
    const error = Object.assign(service("Unknown", 400), { $response: { statusCode: 400, headers: { "X-Amz-Bucket-Region": "us-west-2" } } });
    const failure = classifyS3Error(error);
    expectCode(failure, "wrong-region", false);
    expect(failure.hint).toContain("us-west-2");
  });

  it("AuthorizationHeaderMalformed mentioning the region", () => {
    const error = service(
      "AuthorizationHeaderMalformed",
      400,
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'",
      { Region: "eu-central-1" },
    );
    const failure = classifyS3Error(error);
    expectCode(failure, "wrong-region", false);
    expect(failure.hint).toContain("The bucket is in eu-central-1.");
  });

  it("takes the region from the message when there is nothing else", () => {
    const error = sdkLike("AuthorizationHeaderMalformed", 400, "the region 'us-east-1' is wrong; expecting 'sa-east-1'");
    expect(classifyS3Error(error).hint).toContain("sa-east-1");
  });

  it("AuthorizationHeaderMalformed about something else is not a region problem", () => {
    const error = service("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; invalid credential date.");
    expect(classifyS3Error(error).code).toBe("unknown");
  });

  it("IllegalLocationConstraintException, BucketRegion and a message-only error", () => {
    const illegal = service("IllegalLocationConstraintException", 400, "The eu-west-3 location constraint is incompatible for the region specific endpoint this request was sent to.");
    expectCode(classifyS3Error(illegal), "wrong-region", false);
    // The constraint in that message is what was requested, not where the bucket is.
    expect(classifyS3Error(illegal).hint).not.toContain("eu-west-3");

    expect(classifyS3Error(service("PermanentRedirect", 301, "x", { BucketRegion: "us-east-2" })).hint).toContain("us-east-2");
    expect(classifyS3Error(new Error("Bad request: the region 'us-east-1' is wrong")).code).toBe("wrong-region");
  });

  it("gives a generic region hint when the region is unknown", () => {
    const failure = classifyS3Error(service("Unknown", 301));
    expectCode(failure, "wrong-region", false);
    expect(failure.hint).toMatch(/^Set the Region field/);
  });

  it("never echoes a region value that does not look like a region", () => {
    const error = service("PermanentRedirect", 301, "expecting 'AKIAIOSFODNN7EXAMPLE'", { Region: "<script>alert(1)</script>" });
    const failure = classifyS3Error(error);
    expect(failure.code).toBe("wrong-region");
    expect(JSON.stringify(failure)).not.toMatch(/script|AKIA/i);
  });
});

describe("network errors", () => {
  it.each([
    ["ENOTFOUND", nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND my-bucket.nope.example", { syscall: "getaddrinfo", hostname: "my-bucket.nope.example" })],
    ["EAI_AGAIN", nodeError("EAI_AGAIN", "getaddrinfo EAI_AGAIN s3.example.com")],
    ["ENOTFOUND wrapped by fetch", wrapped(nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND x"))],
  ])("%s → dns", (_label, error) => {
    const failure = classifyS3Error(error);
    expectCode(failure, "dns", true);
    expect(failure.status).toBeUndefined();
    expect(failure.message).not.toContain("nope.example");
  });

  it.each([
    ["ECONNREFUSED", nodeError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9000", { address: "127.0.0.1", port: 9000 })],
    ["EHOSTUNREACH", nodeError("EHOSTUNREACH", "connect EHOSTUNREACH 10.0.0.1:443")],
    ["AggregateError from happy eyeballs", new AggregateError([nodeError("ECONNREFUSED", "connect ECONNREFUSED ::1:9000"), nodeError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9000")], "")],
    ["AggregateError inside a cause", wrapped(new AggregateError([new Error("x"), nodeError("ECONNREFUSED", "refused")]))],
  ])("%s → connection-refused", (_label, error) => {
    expectCode(classifyS3Error(error), "connection-refused", true);
  });

  it.each([
    ["ECONNRESET", nodeError("ECONNRESET", "read ECONNRESET")],
    ["EPIPE", nodeError("EPIPE", "write EPIPE")],
    ["socket hang up (code)", nodeError("ECONNRESET", "socket hang up")],
    ["socket hang up (message only)", new Error("socket hang up")],
    ["undici socket error in a cause", wrapped(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }))],
  ])("%s → connection-reset", (_label, error) => {
    expectCode(classifyS3Error(error), "connection-reset", true);
  });

  it.each([
    // What the bounded handler's stream error looks like once the SDK's deserializer has added the status.
    ["over the cap on a 500", Object.assign(new Error("The endpoint's answer exceeded 65536 bytes; reading stopped."), { name: "ResponseTooLargeError", code: "ResponseTooLarge", $metadata: { httpStatusCode: 500 } })],
    ["over the cap on a 200", Object.assign(new Error("exceeded"), { name: "ResponseTooLargeError", code: "ResponseTooLarge", $metadata: { httpStatusCode: 200 } })],
    ["inside a cause", wrapped(Object.assign(new Error("exceeded"), { code: "ResponseTooLarge" }))],
  ])("%s → response-too-large", (_label, error) => {
    const failure = classifyS3Error(error);
    expectCode(failure, "response-too-large", true);
    expect(failure.message).toMatch(/stopped reading/);
    expect(failure.hint).toMatch(/S3-compatible/);
  });

  it.each([
    ["TimeoutError", Object.assign(new Error("Connection timed out after 10000 ms"), { name: "TimeoutError" })],
    ["AbortError", Object.assign(new Error("Request aborted"), { name: "AbortError" })],
    ["AbortError caused by AbortSignal.timeout", Object.assign(new Error("Request aborted"), { name: "AbortError", cause: new DOMException("signal timed out", "TimeoutError") })],
    ["ETIMEDOUT", nodeError("ETIMEDOUT", "connect ETIMEDOUT 10.1.2.3:443")],
    ["smithy requestTimeout", Object.assign(new Error("a request has exceeded the configured 10000 ms requestTimeout."), { name: "TimeoutError", code: "ETIMEDOUT" })],
    ["message only: exceeded the configured", new Error("@smithy/node-http-handler - request has exceeded the configured 3000 ms requestTimeout")],
    ["message only: timed out", new Error("Socket timed out without establishing a connection within 1000 ms")],
    ["DOMException TimeoutError from AbortSignal.timeout", wrapped(new DOMException("The operation was aborted due to timeout", "TimeoutError"))],
  ])("%s → timeout", (_label, error) => {
    const failure = classifyS3Error(error);
    expectCode(failure, "timeout", true);
    expect(failure.message).toBe("The endpoint did not answer within 10 seconds.");
  });

  it("states the configured timeout", () => {
    const error = Object.assign(new Error("timeout"), { name: "TimeoutError" });
    expect(classifyS3Error(error, { timeoutMs: 5000 }).message).toBe("The endpoint did not answer within 5 seconds.");
    expect(classifyS3Error(error, { timeoutMs: 1000 }).message).toBe("The endpoint did not answer within 1 second.");
    expect(classifyS3Error(error, { timeoutMs: 2500 }).message).toBe("The endpoint did not answer within 2.5 seconds.");
  });
});

describe("TLS errors", () => {
  it.each([
    ["CERT_HAS_EXPIRED", "certificate has expired", /expired/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", /trusted authority/],
    ["SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain", /trusted authority/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate", /trusted authority/],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate", /trusted authority/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames: Host: a. is not in the cert's altnames: DNS:b", /host name/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number", /http:\/\//],
    ["EPROTO", "write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number", /http:\/\//],
    ["ERR_SSL_PACKET_LENGTH_TOO_LONG", "packet length too long", /scheme/],
  ])("%s → tls", (code, message, hint) => {
    const failure = classifyS3Error(wrapped(nodeError(code, message)));
    expectCode(failure, "tls", false);
    expect(failure.hint).toMatch(hint);
    expect(failure.message).not.toContain(message);
  });

  it("recognises a TLS failure from its message alone", () => {
    expect(classifyS3Error(new Error("self signed certificate")).code).toBe("tls");
  });
});

describe("blocked endpoints", () => {
  it("includes the guard's reason and is not retryable", () => {
    const failure = classifyS3Error(new BlockedEndpointError("169.254.169.254", "it is a cloud metadata service address"));
    expectCode(failure, "blocked-endpoint", false);
    expect(failure.message).toBe("The endpoint is not allowed: it is a cloud metadata service address.");
    expect(failure.hint).toContain("BROADCAST_ALLOWED_ENDPOINTS");
  });

  it("does not suggest the allowlist for what it cannot open", () => {
    const failure = classifyS3Error(new BlockedEndpointError("169.254.169.254", "it is a cloud metadata service address", false));
    expect(failure.hint).toMatch(/never connects to cloud metadata.*whatever BROADCAST_ALLOWED_ENDPOINTS lists/);
    expect(classifyS3Error(new BlockedEndpointError("10.0.0.1", "it is a private network address", true)).hint).toMatch(/add this host:port/);
  });

  it("wins even when wrapped by a network error", () => {
    const error = nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND internal", {
      cause: new BlockedEndpointError("internal", "internal resolves to 10.0.0.5, and it is a private network address (RFC 1918)"),
    });
    const failure = classifyS3Error(error);
    expect(failure.code).toBe("blocked-endpoint");
    expect(failure.message).toContain("10.0.0.5");
  });

  it("copes with a missing reason", () => {
    const error = Object.assign(new Error("blocked"), { name: "BlockedEndpointError" });
    expect(classifyS3Error(error).message).toBe("The endpoint is not allowed.");
  });
});

describe("throttling and server errors", () => {
  it.each([
    ["SlowDown", service("SlowDown", 503, "Please reduce your request rate."), "slow-down", 503],
    ["bare 503", service("Unknown", 503), "slow-down", 503],
    ["ServiceUnavailable", service("ServiceUnavailable", 503, "Service Unavailable"), "slow-down", 503],
    ["bare 429", service("Unknown", 429), "rate-limited", 429],
    ["TooManyRequests", service("TooManyRequests", 429, "Too Many Requests"), "rate-limited", 429],
    ["InternalError", service("InternalError", 500, "We encountered an internal error. Please try again."), "server-error", 500],
    ["bare 500", service("Unknown", 500), "server-error", 500],
    ["bare 502", service("Unknown", 502), "server-error", 502],
    ["bare 504", service("Unknown", 504), "server-error", 504],
  ] as const)("%s → %s", (_label, error, code, status) => {
    const failure = classifyS3Error(error);
    expectCode(failure, code, true);
    expect(failure.status).toBe(status);
  });

  it("treats a server fault without a status as a server error", () => {
    const error = Object.assign(new Error("boom"), { name: "Weird", $fault: "server" });
    expectCode(classifyS3Error(error), "server-error", true);
  });
});

describe("unknown errors", () => {
  it.each([null, undefined, "a string", 42, {}, [], Symbol("x")])("classifies %s as unknown", (value) => {
    const failure = classifyS3Error(value);
    expectCode(failure, "unknown", false);
    expect(failure.status).toBeUndefined();
  });

  it("names the S3 error code and status but not the raw message", () => {
    const failure = classifyS3Error(service("InvalidBucketName", 400, "The specified bucket is not valid: SECRET-ish detail"));
    expectCode(failure, "unknown", false);
    expect(failure.message).toBe("The storage request failed with an unexpected error (InvalidBucketName, HTTP 400).");
    expect(failure.status).toBe(400);
    expect(JSON.stringify(failure)).not.toContain("SECRET");
  });

  it("does not copy a plain error's message", () => {
    const failure = classifyS3Error(new Error("secretAccessKey=abc123 went wrong"));
    expect(failure.code).toBe("unknown");
    expect(JSON.stringify(failure)).not.toContain("abc123");
  });

  it("survives cyclic causes", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(classifyS3Error(a).code).toBe("unknown");
  });
});

describe("against the real SDK and a local server", () => {
  let server: http.Server;
  let endpoint = "";
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? "";
      if (url.startsWith("/hang")) return;
      if (url.startsWith("/moved")) {
        res.writeHead(301, { "x-amz-bucket-region": "eu-west-1" }).end();
      } else if (url.startsWith("/sig")) {
        res.writeHead(403, { "content-type": "application/xml" }).end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 ${secret}</StringToSign><CanonicalRequest>PUT /sig/k</CanonicalRequest></Error>`,
        );
      } else {
        res.writeHead(403).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function failureOf(run: (client: S3Client) => Promise<unknown>, url = endpoint): Promise<S3Failure> {
    const client = new S3Client({
      region: "us-east-1",
      endpoint: url,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret },
      requestHandler: new NodeHttpHandler({ connectionTimeout: 500, requestTimeout: 300, throwOnRequestTimeout: true }),
    });
    try {
      await run(client);
    } catch (error) {
      return classifyS3Error(error, { timeoutMs: 300 });
    } finally {
      client.destroy();
    }
    throw new Error("expected the request to fail");
  }

  it("bodyless 403 on HeadBucket → access-denied", async () => {
    const failure = await failureOf((c) => c.send(new HeadBucketCommand({ Bucket: "forbidden" })));
    expect(failure).toMatchObject({ code: "access-denied", status: 403 });
  });

  it("bodyless 301 on HeadBucket → wrong-region naming the bucket's region", async () => {
    const failure = await failureOf((c) => c.send(new HeadBucketCommand({ Bucket: "moved" })));
    expect(failure).toMatchObject({ code: "wrong-region", status: 301 });
    expect(failure.hint).toContain("The bucket is in eu-west-1.");
  });

  it("SignatureDoesNotMatch with a StringToSign body → signature-mismatch without leaks", async () => {
    const failure = await failureOf((c) => c.send(new PutObjectCommand({ Bucket: "sig", Key: "k", Body: "x" })));
    expect(failure.code).toBe("signature-mismatch");
    expect(JSON.stringify(failure)).not.toMatch(/AKIA|AWS4-HMAC|wJalr/);
  });

  it("request timeout → timeout", async () => {
    const failure = await failureOf((c) => c.send(new HeadBucketCommand({ Bucket: "hang" })));
    expect(failure.code).toBe("timeout");
    expect(failure.message).toBe("The endpoint did not answer within 0.3 seconds.");
  });

  it("abort signal timeout → timeout", async () => {
    const failure = await failureOf((c) => c.send(new HeadBucketCommand({ Bucket: "hang" }), { abortSignal: AbortSignal.timeout(100) }));
    expect(failure.code).toBe("timeout");
  });

  it("closed port → connection-refused", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf((c) => c.send(new HeadBucketCommand({ Bucket: "b" })), url);
    expect(failure).toMatchObject({ code: "connection-refused", retryable: true });
  });
});
