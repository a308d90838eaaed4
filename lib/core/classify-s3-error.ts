/**
 * Turns whatever an S3 call threw (SDK service exceptions, Node network errors wrapped in
 * `cause`, our SSRF guard) into a coded value with plain-language text for the UI.
 *
 * Raw error messages are only pattern-matched, never copied into the output: some S3
 * errors embed the access key id, the StringToSign or the canonical request.
 */

export type S3FailureCode =
  | "no-such-bucket" | "access-denied" | "invalid-access-key" | "signature-mismatch"
  | "wrong-region" | "expired-token" | "invalid-token" | "dns" | "connection-refused"
  | "timeout" | "tls" | "blocked-endpoint" | "slow-down" | "server-error" | "rate-limited"
  | "connection-reset" | "response-too-large" | "write-option-unsupported" | "kms-key" | "unknown";

export type S3Failure = { code: S3FailureCode; message: string; hint: string; retryable: boolean; status?: number };

export type ClassifyS3ErrorOptions = {
  timeoutMs?: number;
  /** The request carried encryption or storage-class headers (Ceph answers a refusal with a bare 400). */
  sentWriteOptions?: boolean;
};

const BARE_REFUSALS = new Set(["InvalidArgument", "InvalidRequest"]);

type Bag = Record<string, unknown>;
type Text = { message: string; hint: string };

// "response-too-large" is retried: a proxy's oversized error page may be a passing fault.
const RETRYABLE = new Set<S3FailureCode>([
  "dns", "connection-refused", "connection-reset", "timeout", "slow-down", "server-error", "rate-limited",
  "response-too-large",
]);

const TEXT: Record<Exclude<S3FailureCode, "timeout" | "wrong-region" | "tls" | "blocked-endpoint" | "unknown">, Text> = {
  "no-such-bucket": { message: "The bucket does not exist.", hint: "Check the Bucket Name and that it lives in this account and region (or at this endpoint)." },
  "access-denied": { message: "Access to the bucket was denied.", hint: "Check that the key is allowed to write objects to this bucket (s3:PutObject, the only permission Broadcast and its connection test use) and that no bucket policy blocks it." },
  "invalid-access-key": { message: "The Access Key Id is not recognised by the server.", hint: "Copy the key id again; for R2 use an R2 API token's Access Key ID, not the account id." },
  "signature-mismatch": { message: "The Secret Access Key does not match the Access Key Id.", hint: "Re-enter the secret; check for stray spaces." },
  "expired-token": { message: "The Session Token has expired.", hint: "Temporary credentials expire: paste a fresh Access Key Id, Secret Access Key and Session Token, or use long-lived keys." },
  "invalid-token": { message: "The Session Token is not valid.", hint: "Paste the Session Token again together with the key pair it was issued with, or clear it when using long-lived keys." },
  dns: { message: "The endpoint's host name could not be resolved.", hint: "Check the Endpoint URL for typos; for a private host, make sure this server's DNS can resolve it." },
  "connection-refused": { message: "Could not connect to the endpoint: the connection was refused or the host is unreachable.", hint: "Check the Endpoint's host and port, and that the storage server is running and reachable from this server (firewalls, security groups)." },
  "connection-reset": { message: "The endpoint closed the connection unexpectedly.", hint: "This is often temporary. If it persists, check for a proxy in front of the endpoint or an http/https mismatch in the Endpoint URL." },
  "slow-down": { message: "The storage service asked for fewer requests (slow down).", hint: "This is temporary and is retried with backoff; if it persists, lower the upload rate." },
  "server-error": { message: "The storage service had an internal error.", hint: "This is usually temporary and is retried; check the provider's status page if it persists." },
  "rate-limited": { message: "The storage service is rate limiting requests.", hint: "This is temporary and is retried; if it persists, check the provider's request quotas." },
  "write-option-unsupported": { message: "The storage server refused the destination's encryption or storage class setting.", hint: "This server (or bucket) does not support that option: set Server-side encryption to None or SSE-S3, or Storage class to Standard, or use a provider that supports it." },
  "kms-key": { message: "The KMS key for server-side encryption could not be used.", hint: "Check the KMS key id or ARN (same region as the bucket) and that the credentials may use it: SSE-KMS needs kms:GenerateDataKey on the key, besides s3:PutObject." },
  "response-too-large": { message: "The endpoint sent a far longer answer than a storage service does, so Broadcast stopped reading it.", hint: "Check that the Endpoint URL points at an S3-compatible storage service, not a web server or a proxy's error page." },
};

// S3 error codes (`name`/`Code`) and Node/undici error codes (`code`), in one namespace.
const BY_IDENTIFIER: Record<string, S3FailureCode> = {
  NoSuchBucket: "no-such-bucket",
  AccessDenied: "access-denied", AllAccessDisabled: "access-denied", Forbidden: "access-denied", AccountProblem: "access-denied",
  InvalidAccessKeyId: "invalid-access-key",
  SignatureDoesNotMatch: "signature-mismatch",
  PermanentRedirect: "wrong-region", IllegalLocationConstraintException: "wrong-region", InvalidRegion: "wrong-region",
  ExpiredToken: "expired-token", ExpiredTokenException: "expired-token", TokenRefreshRequired: "expired-token",
  InvalidToken: "invalid-token",
  SlowDown: "slow-down", ServiceUnavailable: "slow-down",
  TooManyRequests: "rate-limited", TooManyRequestsException: "rate-limited", Throttling: "rate-limited",
  ThrottlingException: "rate-limited", RequestLimitExceeded: "rate-limited",
  InternalError: "server-error", InternalServerError: "server-error", BadGateway: "server-error", GatewayTimeout: "server-error",
  TimeoutError: "timeout", AbortError: "timeout", RequestTimeout: "timeout", ETIMEDOUT: "timeout", ESOCKETTIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout", UND_ERR_HEADERS_TIMEOUT: "timeout", UND_ERR_BODY_TIMEOUT: "timeout",
  ENOTFOUND: "dns", EAI_AGAIN: "dns", EAI_NONAME: "dns", EAI_FAIL: "dns", EAI_NODATA: "dns",
  ECONNREFUSED: "connection-refused", EHOSTUNREACH: "connection-refused", ENETUNREACH: "connection-refused", EHOSTDOWN: "connection-refused",
  ResponseTooLarge: "response-too-large",
  InvalidStorageClass: "write-option-unsupported", NotImplemented: "write-option-unsupported",
  InvalidEncryptionAlgorithmError: "write-option-unsupported", KMSNotConfigured: "write-option-unsupported",
  "KMS.NotFoundException": "kms-key", "KMS.DisabledException": "kms-key", "KMS.KMSInvalidStateException": "kms-key",
  "KMS.InvalidKeyUsageException": "kms-key", "KMS.AccessDeniedException": "kms-key", KMSAccessDeniedException: "kms-key",
  ECONNRESET: "connection-reset", EPIPE: "connection-reset", ECONNABORTED: "connection-reset", UND_ERR_SOCKET: "connection-reset",
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(GET|VERIFY|DECRYPT)_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|EPROTO$)/;
const TLS_MESSAGE = /self[- ]signed certificate|certificate has expired|unable to verify the first certificate|wrong version number|altnames/i;
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;
const GENERIC_NAMES = new Set(["Error", "Unknown", "UnknownError", "S3ServiceException"]);

export function classifyS3Error(error: unknown, options: ClassifyS3ErrorOptions = {}): S3Failure {
  const nodes = flatten(error);
  const statusNode = nodes.find((node) => statusOf(node) !== undefined);
  const status = statusNode ? statusOf(statusNode) : undefined;
  // Our own guard wins wherever it sits: nothing reached the network, so nothing else is meaningful.
  const blocked = nodes.find((node) => node.name === "BlockedEndpointError");
  const refusedOption = options.sentWriteOptions === true && nodes.some((node) => identifiers(node).some((id) => BARE_REFUSALS.has(id)));
  const code: S3FailureCode =
    (blocked && "blocked-endpoint") ||
    nodes.map(matchNode).find((match) => match !== undefined) ||
    (refusedOption && "write-option-unsupported") ||
    (statusNode && matchStatus(statusNode, status)) ||
    (nodes.some((node) => node.$fault === "server") ? "server-error" : "unknown");
  const text = describe(code, nodes, { blocked, statusNode, status, timeoutMs: options.timeoutMs ?? 10_000 });
  return { code, ...text, retryable: RETRYABLE.has(code), ...(status !== undefined && { status }) };
}

function matchNode(node: Bag): S3FailureCode | undefined {
  for (const id of identifiers(node)) {
    // A denial that names KMS is about the key (kms:GenerateDataKey), not s3:PutObject.
    if (id === "AccessDenied" && /\bkms\b/i.test(str(node.message))) return "kms-key";
    // InvalidArgument is also used for unrelated bad input; only one about these headers counts.
    if ((id === "InvalidArgument" || id === "InvalidRequest") && /encrypt|storage.?class|kms/i.test(str(node.message))) {
      return "write-option-unsupported";
    }
    if (id === "AuthorizationHeaderMalformed") {
      if (/region/i.test(str(node.message))) return "wrong-region";
      continue;
    }
    const known = BY_IDENTIFIER[id];
    if (known) return known;
    if (TLS_CODE.test(id)) return "tls";
  }
  const message = str(node.message);
  if (/\bregion\b.*\bis wrong\b/i.test(message)) return "wrong-region";
  if (TLS_MESSAGE.test(message)) return "tls";
  if (/timed out|exceeded the configured/i.test(message)) return "timeout";
  if (/socket hang up/i.test(message)) return "connection-reset";
  if (/getaddrinfo/i.test(message)) return "dns";
  return undefined;
}

// HEAD responses carry no body, so the SDK only knows the status (and names the error "Unknown").
function matchStatus(node: Bag, status: number | undefined): S3FailureCode | undefined {
  if (status === undefined) return undefined;
  if (status === 301 || (status === 400 && bucketRegionHeader(node))) return "wrong-region";
  if (status === 401 || status === 403) return "access-denied";
  if (status === 404 && ["NotFound", "Unknown", "UnknownError", "404", ""].includes(str(node.name))) return "no-such-bucket";
  if (status === 429) return "rate-limited";
  if (status === 503) return "slow-down";
  if (status >= 500) return "server-error";
  return undefined;
}

type Context = { blocked?: Bag; statusNode?: Bag; status?: number; timeoutMs: number };

function describe(code: S3FailureCode, nodes: Bag[], ctx: Context): Text {
  switch (code) {
    case "timeout": {
      const seconds = Math.round(ctx.timeoutMs / 100) / 10;
      return {
        message: `The endpoint did not answer within ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
        hint: "Check that the Endpoint is reachable from this server (firewall, VPN, private network); if it is just slow, try again.",
      };
    }
    case "wrong-region": {
      const region = nodes.map(regionOf).find((value) => value !== undefined);
      return {
        message: "The bucket is in a different region than the one configured.",
        hint: region
          ? `The bucket is in ${region}. Set the Region field to ${region}.`
          : "Set the Region field to the region the bucket was created in (R2 uses \"auto\", MinIO usually \"us-east-1\").",
      };
    }
    case "tls":
      return { message: "The secure (TLS) connection to the endpoint failed.", hint: tlsHint(nodes) };
    case "blocked-endpoint": {
      // The reason comes from our own guard, not the network, so it is safe to show.
      const reason = str(ctx.blocked?.reason).replace(/\s+/g, " ").trim().slice(0, 200);
      return {
        message: `The endpoint is not allowed${reason ? `: ${reason.replace(/\.$/, "")}` : ""}.`,
        hint:
          ctx.blocked?.allowlistable === false
            ? "Broadcast never connects to cloud metadata, link-local, multicast or reserved addresses, whatever BROADCAST_ALLOWED_ENDPOINTS lists. Use the storage server's own address."
            : "Broadcast does not connect to private, loopback, link-local or cloud metadata addresses. Use a public endpoint, or have the operator add this host:port to BROADCAST_ALLOWED_ENDPOINTS.",
      };
    }
    case "unknown": {
      const name = nodes.map((node) => str(node.name)).find((n) => ERROR_NAME.test(n) && !GENERIC_NAMES.has(n));
      const detail = [name, ctx.status !== undefined && `HTTP ${ctx.status}`].filter(Boolean).join(", ");
      return {
        message: `The storage request failed with an unexpected error${detail ? ` (${detail})` : ""}.`,
        hint: "Check the Endpoint, Region, Bucket Name and credentials, then try again.",
      };
    }
    default:
      return TEXT[code];
  }
}

function tlsHint(nodes: Bag[]): string {
  const clues = nodes.flatMap((node) => [...identifiers(node), str(node.message)]).join(" ");
  if (/EXPIRED|NOT_YET_VALID|certificate has expired/i.test(clues)) {
    return "The endpoint's certificate has expired or is not yet valid; renew it (or check this server's clock).";
  }
  if (/ALTNAME|HOSTNAME_MISMATCH|altnames/i.test(clues)) {
    return "The certificate does not cover this host name; use the name on the certificate in the Endpoint URL.";
  }
  if (/SELF_SIGNED|self[- ]signed|UNABLE_TO_(GET|VERIFY)|unable to verify/i.test(clues)) {
    return "The endpoint's certificate is not from a trusted authority (self-signed or private CA); use a publicly trusted certificate or add the CA via NODE_EXTRA_CA_CERTS.";
  }
  if (/WRONG_VERSION_NUMBER|EPROTO|wrong version number/i.test(clues)) {
    return "The endpoint does not seem to speak HTTPS on this port; if it serves plain HTTP, use an http:// Endpoint URL.";
  }
  return "Check the endpoint's certificate and that the Endpoint URL's scheme (http or https) matches the server.";
}

function regionOf(node: Bag): string | undefined {
  const endpoint = /\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(str(node.Endpoint))?.[1];
  const fromMessage = /(?:expecting|bucket is in this region:?)\s*'?([a-z0-9-]+)/i.exec(str(node.message))?.[1];
  const candidates = [bucketRegionHeader(node), str(node.BucketRegion), str(node.Region), endpoint, fromMessage];
  return candidates.find((value): value is string => !!value && REGION.test(value));
}

function bucketRegionHeader(node: Bag): string | undefined {
  const headers = asBag(asBag(node.$response)?.headers);
  const key = headers && Object.keys(headers).find((name) => name.toLowerCase() === "x-amz-bucket-region");
  return key && headers ? str(headers[key]) || undefined : undefined;
}

function statusOf(node: Bag): number | undefined {
  const status = asBag(node.$metadata)?.httpStatusCode ?? asBag(node.$response)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

function identifiers(node: Bag): string[] {
  return [node.name, node.Code, node.code].filter((value): value is string => typeof value === "string" && value !== "");
}

// Walks `cause` chains and AggregateError members, outermost first, guarding against cycles.
function flatten(error: unknown): Bag[] {
  const seen = new Set<unknown>();
  const out: Bag[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 32) {
    const node = asBag(queue.shift());
    if (!node || seen.has(node)) continue;
    seen.add(node);
    out.push(node);
    queue.push(node.cause);
    if (Array.isArray(node.errors)) queue.push(...node.errors);
  }
  return out;
}

function asBag(value: unknown): Bag | undefined {
  return typeof value === "object" && value !== null ? (value as Bag) : undefined;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}
