import type { DestinationInput } from "@/lib/destinations/destination-schema";
import type { DestinationView } from "./destination-view";

/** The audit-log shape of a destination: its settings, never a secret or a mask. */
export function destinationAuditFields(view: DestinationView | null | undefined): Record<string, unknown> | null {
  if (!view) return null;
  const { name, enabled, privacyMode, provider, bucketName, region, endpoint, accessKeyId, prefix, pathTemplate } = view;
  return { name, enabled, privacyMode, provider, bucketName, region, endpoint, accessKeyId, prefix, pathTemplate };
}

/** Secret fields the user typed a new value into (blank means "keep the stored one"). */
export function replacedSecretFields(input: Pick<DestinationInput, "secretAccessKey" | "sessionToken">): string[] {
  return (["secretAccessKey", "sessionToken"] as const).filter((field) => input[field] !== "");
}
