import { z } from "zod";
import type { ActionFailure } from "@/lib/core/action-result";

/**
 * A failed parse → the action's refusal. zod's own flattening keys each message by the first segment
 * of its path (the form field react-hook-form's setError names); issues about the whole value become
 * the form error. Actions whose input is not a form (an id, a flag) name one message instead.
 */
export function schemaFailure(error: z.ZodError, invalidMessage?: string): ActionFailure {
  if (invalidMessage !== undefined) return { ok: false, formError: invalidMessage };
  const { formErrors, fieldErrors } = z.flattenError(error);
  const byField = Object.fromEntries(Object.entries(fieldErrors).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
  return {
    ok: false,
    ...(Object.keys(byField).length > 0 && { fieldErrors: byField }),
    ...(formErrors.length > 0 && { formError: formErrors.join(" ") }),
  };
}
