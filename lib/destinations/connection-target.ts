import type { DestinationInput } from "@/lib/destinations/destination-schema";
import type { ConnectionTarget } from "@/lib/platform/s3/test-connection";
import { CONNECTION_SETTINGS, pickFields } from "@/lib/destinations/destination-fields";

/** Form values (secrets already resolved) → what the connection test needs. */
export function toConnectionTarget(
  input: DestinationInput,
  secrets: { secretAccessKey: string; sessionToken: string },
): ConnectionTarget {
  return {
    // A blank template stays blank: buildObjectKey's renderer gives it the default everywhere.
    ...pickFields(input, CONNECTION_SETTINGS),
    secretAccessKey: secrets.secretAccessKey,
    sessionToken: secrets.sessionToken || null,
  };
}
