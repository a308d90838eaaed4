import type { DestinationInput } from "@/lib/destinations/destination-schema";
import { DEFAULT_PATH_TEMPLATE } from "@/lib/core/object-keys/path-template";
import type { ConnectionTarget } from "@/lib/platform/s3/test-connection";

/** Form values (secrets already resolved) → what the connection test needs. */
export function toConnectionTarget(
  input: DestinationInput,
  secrets: { secretAccessKey: string; sessionToken: string },
): ConnectionTarget {
  return {
    bucketName: input.bucketName,
    region: input.region,
    endpoint: input.endpoint,
    accessKeyId: input.accessKeyId,
    secretAccessKey: secrets.secretAccessKey,
    sessionToken: secrets.sessionToken || null,
    prefix: input.prefix,
    // An empty template means the default one, everywhere (preview, test, delivery).
    pathTemplate: input.pathTemplate || DEFAULT_PATH_TEMPLATE,
  };
}
