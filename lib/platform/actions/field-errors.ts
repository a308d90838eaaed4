import type { z } from "zod";

/** zod issues → messages per top-level field name, the shape react-hook-form's setError wants. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
