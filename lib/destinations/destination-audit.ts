import type { DestinationInput } from "@/lib/destinations/destination-schema";
import type { DestinationView } from "./destination-view";
import { PUBLIC_FIELDS, SECRET_FIELDS, pickFields } from "./destination-fields";

/** The audit-log shape of a destination: its settings, never a secret or a mask. */
export function destinationAuditFields(view: DestinationView | null | undefined): Record<string, unknown> | null {
  if (!view) return null;
  return pickFields(view, PUBLIC_FIELDS);
}

/** Secret fields the user typed a new value into or removed (blank means "keep the stored one"). */
export function replacedSecretFields(input: Pick<DestinationInput, "secretAccessKey" | "sessionToken" | "removeSessionToken">): string[] {
  return SECRET_FIELDS.filter((field) => input[field] !== "" || (field === "sessionToken" && input.removeSessionToken === true));
}
