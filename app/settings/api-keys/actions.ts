"use server";
import { z } from "zod";
import { createApiKeySchema } from "@/lib/api-keys/api-key-name";
import {
  createApiKey as createStoredApiKey,
  listApiKeys,
  revokeApiKey as revokeStoredApiKey,
} from "@/lib/api-keys/api-key-store";
import type { ApiKeyView, CreatedApiKey } from "@/lib/api-keys/api-key-view";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/destinations/action-result";
import { fieldErrorsOf } from "@/lib/destinations/field-errors";

// Thin server actions: parse → call lib/ → typed result. Each one is a public POST endpoint, so each
// validates its own input.

export async function loadApiKeys(): Promise<ApiKeyView[]> {
  return listApiKeys(await db());
}

/** Creates a key and returns its plaintext once: only its hash is stored, so it cannot be shown again. */
export async function createApiKey(values: unknown): Promise<ActionResult<CreatedApiKey>> {
  const parsed = createApiKeySchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await createStoredApiKey(await db(), parsed.data.name);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors };
  return { ok: true, data: { key: result.key, apiKey: result.apiKey } };
}

export async function revokeApiKey(id: unknown): Promise<ActionResult<ApiKeyView>> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return { ok: false, formError: "Invalid API key id." };
  const view = await revokeStoredApiKey(await db(), parsed.data);
  return view ? { ok: true, data: view } : { ok: false, formError: "That API key no longer exists." };
}
