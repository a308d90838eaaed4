import { z } from "zod";
import { displayNameProblem } from "@/lib/core/display-name";
import { MAX_API_KEY_NAME_LENGTH } from "@/lib/core/object-keys/path-template";
import { apiKeyScopeSchema } from "./api-key-scope";

// Kept apart from api-key-format.ts (which needs node:crypto) so the browser form can import it.

/** An API key's name: shown in the list and rendered as `{apiKeyName}` in path templates. */
export const apiKeyNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(MAX_API_KEY_NAME_LENGTH, { error: `Name must be at most ${MAX_API_KEY_NAME_LENGTH} characters.` })
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** The "Create API key" form: one schema, used by the client form and the server action. */
export const createApiKeySchema = z.object({ name: apiKeyNameSchema, scope: apiKeyScopeSchema });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
