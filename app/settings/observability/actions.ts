"use server";
import { z } from "zod";
import { destinationFormSchema } from "@/lib/broadcast/destination-schema";
import { db } from "@/lib/db/client";
import type { ActionResult, ConnectionTestOutcome } from "@/lib/destinations/action-result";
import { toConnectionTarget } from "@/lib/destinations/connection-target";
import {
  DestinationLimitError,
  deleteDestination as deleteStoredDestination,
  listDestinations,
  resolveSecrets,
  saveDestination as saveStoredDestination,
  updateDestinationFlags,
} from "@/lib/destinations/destination-store";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { fieldErrorsOf } from "@/lib/destinations/field-errors";
import { getServerConfig } from "@/lib/server/server-config";
import { isBroadcastEnabled, setBroadcastEnabled as storeBroadcastEnabled } from "@/lib/settings/broadcast-setting";
import { testS3Connection } from "@/lib/s3/test-connection";

// Thin server actions: parse → call lib/ → typed result. Each one is a public POST endpoint, so each
// validates its own input and never trusts anything the browser says about earlier steps.

export type BroadcastSettingsData = { broadcastEnabled: boolean; destinations: DestinationView[] };

export async function loadBroadcastSettings(): Promise<BroadcastSettingsData> {
  const prisma = await db();
  const { keyring } = getServerConfig();
  const [broadcastEnabled, destinations] = await Promise.all([isBroadcastEnabled(prisma), listDestinations(prisma, keyring)]);
  return { broadcastEnabled, destinations };
}

export async function setBroadcastEnabled(enabled: unknown): Promise<ActionResult<{ broadcastEnabled: boolean }>> {
  const parsed = z.boolean().safeParse(enabled);
  if (!parsed.success) return { ok: false, formError: "Expected true or false." };
  return { ok: true, data: { broadcastEnabled: await storeBroadcastEnabled(await db(), parsed.data) } };
}

/** Runs the connection test on the form's current values; persists nothing. */
export async function testConnection(values: unknown): Promise<ActionResult<ConnectionTestOutcome>> {
  const prepared = await prepare(values);
  if (!prepared.ok) return prepared;
  const result = await testS3Connection(prepared.target, { allowedEndpoints: getServerConfig().allowedEndpoints });
  return { ok: true, data: result };
}

/** Re-runs the test on exactly the submitted values and writes only if it passes. */
export async function saveDestination(values: unknown): Promise<ActionResult<DestinationView>> {
  const prepared = await prepare(values);
  if (!prepared.ok) return prepared;
  const result = await testS3Connection(prepared.target, { allowedEndpoints: getServerConfig().allowedEndpoints });
  if (!result.ok) {
    return { ok: false, formError: "Not saved: the connection test failed.", connection: { failure: result.failure, roundTripMs: result.roundTripMs } };
  }
  try {
    const { keyring } = getServerConfig();
    const view = await saveStoredDestination(await db(), keyring, { ...prepared.input, ...prepared.secrets }, new Date());
    return { ok: true, data: view };
  } catch (error) {
    if (error instanceof DestinationLimitError) return { ok: false, formError: error.message };
    throw error;
  }
}

export async function setDestinationFlags(id: unknown, flags: unknown): Promise<ActionResult<DestinationView>> {
  const parsed = z
    .object({ id: z.uuid(), flags: z.object({ enabled: z.boolean().optional(), privacyMode: z.boolean().optional() }) })
    .safeParse({ id, flags });
  if (!parsed.success) return { ok: false, formError: "Invalid destination or flags." };
  const view = await updateDestinationFlags(await db(), getServerConfig().keyring, parsed.data.id, parsed.data.flags);
  return view ? { ok: true, data: view } : { ok: false, formError: "That destination no longer exists." };
}

export async function deleteDestination(id: unknown): Promise<ActionResult<{ id: string }>> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return { ok: false, formError: "Invalid destination id." };
  const deleted = await deleteStoredDestination(await db(), parsed.data);
  return deleted ? { ok: true, data: { id: parsed.data } } : { ok: false, formError: "That destination no longer exists." };
}

async function prepare(values: unknown) {
  const parsed = destinationFormSchema.safeParse(values);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
  const secrets = await resolveSecrets(await db(), getServerConfig().keyring, parsed.data);
  if (!secrets) return { ok: false as const, formError: "That destination no longer exists." };
  return { ok: true as const, input: parsed.data, secrets, target: toConnectionTarget(parsed.data, secrets) };
}
