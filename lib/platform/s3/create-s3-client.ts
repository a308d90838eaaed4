import http from "node:http";
import https from "node:https";
import { S3Client } from "@aws-sdk/client-s3";
import { endpointHostPort, isAllowedAddress, isAllowedEndpoint, type AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { BlockedEndpointError, blockedHostReason, blockedSchemeReason } from "./endpoint-guard";
import { BoundedHttpHandler, S3_RESPONSE_BYTE_LIMIT } from "./bounded-http-handler";
import { createGuardedLookup, type Resolver } from "./guarded-lookup";

/** Everything needed to reach one bucket; secrets are plaintext only in memory, never stored so. */
export type S3Settings = {
  bucketName: string;
  region: string;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
};

export type S3ClientOptions = {
  allowedEndpoints: AllowedEndpoint[];
  timeoutMs: number;
  /** 1 for Test Connection (report the first failure as is); delivery retries on its own schedule. */
  maxAttempts?: number;
  keepAlive?: boolean;
  /** Tests only: a stub DNS resolver, so guard cases never dial a real address. */
  resolve?: Resolver;
};

const AWS_DEFAULT_REGION = "us-east-1";

/**
 * Builds an S3 client that uses only the destination's own keys (explicit static credentials: the
 * SDK's default chain of environment, profile files and instance metadata is never consulted) and
 * that refuses private and metadata addresses at connect time unless the endpoint is allowlisted.
 * Plain http:// is refused unless allowlisted. Redirects are never followed: the SDK does not follow
 * 3xx responses, and followRegionRedirects is off, so a 301/307 cannot steer a request elsewhere.
 * Nothing comes from the server's environment or AWS config files: AWS_ENDPOINT_URL(_S3) and
 * endpoint_url are ignored (they would bypass the guard), and every setting the SDK would otherwise
 * load from AWS_* variables or ~/.aws/config is passed explicitly. Answers are read up to 64 KiB and
 * each exchange ends after `timeoutMs` (bounded-http-handler.ts).
 */
export function createS3Client(settings: S3Settings, options: S3ClientOptions): S3Client {
  const endpoint = settings.endpoint.trim() ? new URL(settings.endpoint.trim()) : null;
  let allowed = false;
  if (endpoint) {
    const { host, port } = endpointHostPort(endpoint);
    allowed = isAllowedEndpoint(options.allowedEndpoints, host, port);
    // IP literals never go through DNS, so the lookup hook would not see them: check them here.
    const reason = blockedHostReason(host, allowed) ?? blockedSchemeReason(endpoint, allowed);
    if (reason) throw new BlockedEndpointError(host, reason, blockedHostReason(host, true) === null);
  }
  // Not allowlisted by host:port: a resolved address may still fall in an allowlisted CIDR range.
  const lookup = createGuardedLookup(allowed || ((address) => isAllowedAddress(options.allowedEndpoints, address)), options.resolve);
  const agentOptions = { keepAlive: options.keepAlive ?? false, lookup, maxSockets: 64 };
  return new S3Client({
    region: settings.region.trim() || AWS_DEFAULT_REGION,
    endpoint: endpoint ? endpoint.toString().replace(/\/$/, "") : undefined,
    // Custom endpoints (R2, MinIO, Ceph) are addressed path-style: bucket names with dots and
    // private DNS setups break virtual-hosted style.
    forcePathStyle: endpoint !== null,
    credentials: {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      ...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}),
    },
    maxAttempts: options.maxAttempts ?? 1,
    followRegionRedirects: false,
    ignoreConfiguredEndpointUrls: true,
    defaultsMode: "standard",
    retryMode: "standard",
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    useArnRegion: false,
    disableS3ExpressSessionAuth: true,
    authSchemePreference: [],
    userAgentAppId: "broadcast",
    // Several S3-compatible servers reject the SDK's default streaming checksum trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: new BoundedHttpHandler(
      {
        httpAgent: new http.Agent(agentOptions),
        httpsAgent: new https.Agent(agentOptions),
        connectionTimeout: options.timeoutMs,
        requestTimeout: options.timeoutMs,
        // Without this the SDK only logs a warning and keeps waiting on a silent socket.
        throwOnRequestTimeout: true,
      },
      { maxResponseBytes: S3_RESPONSE_BYTE_LIMIT, deadlineMs: options.timeoutMs },
    ),
  });
}
