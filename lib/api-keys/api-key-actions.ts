"use server";
import { z } from "zod";
import { createApiKeySchema } from "@/lib/api-keys/api-key-name";
import {
  createApiKey as createStoredApiKey,
  listApiKeys,
  revokeApiKey as revokeStoredApiKey,
} from "@/lib/api-keys/api-key-store";
import type { ApiKeyView, CreatedApiKey } from "@/lib/api-keys/api-key-view";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { removeApiKeyFromRouting } from "@/lib/destinations/destination-store";
import { requireRole, requireSession } from "@/lib/platform/auth/session";
import { db } from "@/lib/platform/db/client";
import type { ActionResult } from "@/lib/core/action-result";
import { fieldErrorsOf } from "@/lib/platform/actions/field-errors";

// Thin server actions: parse → call lib/ → typed result. Each one is a public POST endpoint, so each
// validates its own input and checks the session and role itself.

export async function loadApiKeys(): Promise<ApiKeyView[]> {
  await requireSession();
  return listApiKeys(await db());
}

/** Creates a key and returns its plaintext once: only its hash is stored, so it cannot be shown again. */
export async function createApiKey(values: unknown): Promise<ActionResult<CreatedApiKey>> {
  const user = await requireRole("admin");
  const parsed = createApiKeySchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const prisma = await db();
  const result = await createStoredApiKey(prisma, parsed.data.name, parsed.data.scope);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors };
  // The prefix only: the key itself is shown once and never stored or logged.
  await recordAudit(prisma, {
    actor: user,
    action: "api-key.create",
    target: `API key "${result.apiKey.name}"`,
    after: { name: result.apiKey.name, prefix: result.apiKey.prefix, scope: result.apiKey.scope },
  });
  return { ok: true, data: { key: result.key, apiKey: result.apiKey } };
}

export async function revokeApiKey(id: unknown): Promise<ActionResult<ApiKeyView>> {
  const user = await requireRole("admin");
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return { ok: false, formError: "Invalid API key id." };
  const prisma = await db();
  const view = await revokeStoredApiKey(prisma, parsed.data);
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
}
