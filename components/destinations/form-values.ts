import type { FieldError } from "react-hook-form";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import type { StoredConnection } from "@/lib/destinations/credential-retype";
import { DESTINATION_FIELDS } from "@/lib/destinations/destination-fields";

export type FormFieldName = Exclude<keyof DestinationFormValues, "id" | "removeSessionToken">;

/** Starting values for the editor (shared with the destinations API, which patches over them). */
export { toFormValues } from "@/lib/destinations/destination-form-values";

export function isFormField(name: string): name is FormFieldName {
  // A dotted path (`filterRules.groups.0.rules.1.value`) belongs to its first segment's field.
  return (DESTINATION_FIELDS as string[]).includes(name.split(".")[0] ?? "");
}

/**
 * Server errors per field → those the form can show next to a field, and the rest (e.g. "_form"
 * or "id") as plain messages for the top of the form.
 */
export function splitFieldErrors(errors: Record<string, string[]>): {
  byField: [FormFieldName, string[]][];
  other: string[];
} {
  const byField: [FormFieldName, string[]][] = [];
  const other: string[] = [];
  for (const [name, messages] of Object.entries(errors)) {
    if (messages.length === 0) continue;
    if (isFormField(name)) byField.push([name, messages]);
    else other.push(...messages);
  }
  return { byField, other };
}

/**
 * Every message of one field. With `criteriaMode: "all"` react-hook-form keeps all of a field's
 * problems in `types` (several per key when the codes repeat); `message` holds only the first.
 */
export function fieldMessages(error: Pick<FieldError, "message" | "types"> | undefined): string[] {
  if (!error) return [];
  const messages: string[] = [];
  for (const value of Object.values(error.types ?? {})) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) if (typeof item === "string" && item !== "") messages.push(item);
  }
  if (messages.length === 0 && error.message) messages.push(error.message);
  return [...new Set(messages)];
}

/** The shape setError wants for several server messages on one field. */
export function toFieldError(messages: string[]): { type: string; message: string; types: Record<string, string> } {
  return {
    type: "server",
    message: messages[0] ?? "",
    types: Object.fromEntries(messages.map((message, i) => [`server-${i}`, message])),
  };
}

/** Where the saved destination connects (the editor's starting values), for the retype rule; null when adding. */
export function storedConnectionOf(
  initial: DestinationFormValues,
  masks: { sessionToken: string | null } | null,
): StoredConnection | null {
  if (!masks) return null;
  return { provider: initial.provider, region: initial.region ?? "", endpoint: initial.endpoint ?? "", hasSessionToken: masks.sessionToken !== null };
}
