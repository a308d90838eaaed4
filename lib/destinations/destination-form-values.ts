import { emptyDestinationForm, type DestinationFormValues } from "./destination-schema";
import type { DestinationView } from "./destination-view";
import { PUBLIC_FIELDS, SECRET_FIELDS, pickFields, type SecretField } from "./destination-fields";

/** A stored destination as form values. Secrets always start blank: on edit, blank means "keep current". */
export function toFormValues(destination: DestinationView | null): DestinationFormValues {
  if (!destination) return emptyDestinationForm();
  const blankSecrets = Object.fromEntries(SECRET_FIELDS.map((field) => [field, ""])) as Record<SecretField, string>;
  return { id: destination.id, ...pickFields(destination, PUBLIC_FIELDS), ...blankSecrets };
}
