"use server";
import { z } from "zod";
import { createApiKeySchema } from "@/lib/api-keys/api-key-name";
import {
  createApiKey as createStoredApiKey,
  listApiKeys,
  revokeApiKey as revokeStoredApiKey,
} from "@/lib/api-keys/api-key-store";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { actionFor } from "@/lib/platform/actions/action-for";
import { removeApiKeyFromRouting } from "@/lib/destinations/destination-store";

// Thin server actions: actionFor() checks the session and role and parses the input; each action
// calls lib/ and returns a typed result.

export const loadApiKeys = actionFor("viewer").run(async ({ prisma }) => listApiKeys(prisma));

/** Creates a key and returns its plaintext once: only its hash is stored, so it cannot be shown again. */
export const createApiKey = actionFor("admin")
  .input(createApiKeySchema)
  .action(async ({ input, user, prisma }) => {
    // Admin keys too: creating any key already needs the admin role (owners and admins).
    const result = await createStoredApiKey(prisma, input.name, input.scope);
    if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors };
    // The prefix only: the key itself is shown once and never stored or logged.
    await recordAudit(prisma, {
      actor: user,
      action: "api-key.create",
      target: `API key "${result.apiKey.name}"`,
      after: { name: result.apiKey.name, prefix: result.apiKey.prefix, scope: result.apiKey.scope },
    });
    return { ok: true, data: { key: result.key, apiKey: result.apiKey } };
  });

export const revokeApiKey = actionFor("admin")
  .input(z.uuid(), "Invalid API key id.")
  .action(async ({ input: id, user, prisma }) => {
    const view = await revokeStoredApiKey(prisma, id);
    if (!view) return { ok: false, formError: "That API key no longer exists." };
    const removedFrom = await removeApiKeyFromRouting(prisma, view.id);
    await recordAudit(prisma, {
      actor: user,
      action: "api-key.revoke",
      target: `API key "${view.name}"`,
      before: { revokedAt: null },
      after: { revokedAt: view.revokedAt, ...(removedFrom.length > 0 ? { removedFromDestinations: removedFrom } : {}) },
    });
    return { ok: true, data: view };
  });
