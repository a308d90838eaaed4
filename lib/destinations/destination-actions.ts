"use server";
import { z } from "zod";
import { diffAuditValues } from "@/lib/audit-log/audit-values";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { requireRole, requireSession, type SessionUser } from "@/lib/platform/auth/session";
import { destinationFormSchema } from "@/lib/destinations/destination-schema";
import { db } from "@/lib/platform/db/client";
import { resumeDestination } from "@/lib/delivery/queue-store";
import type { ActionResult, ConnectionTestOutcome } from "@/lib/core/action-result";
import { toConnectionTarget } from "@/lib/destinations/connection-target";
import { destinationAuditFields, replacedSecretFields } from "@/lib/destinations/destination-audit";
import {
  DestinationLimitError,
  deleteDestination as deleteStoredDestination,
  listDestinations,
  loadDestination,
  resolveSecrets,
  saveDestination as saveStoredDestination,
  updateDestinationFlags,
} from "@/lib/destinations/destination-store";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { endpointSchemeError } from "@/lib/destinations/endpoint-scheme";
import { fieldErrorsOf } from "@/lib/platform/actions/field-errors";
import { actionLimits, tooManyMessage } from "@/lib/platform/http/action-limits";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { isBroadcastEnabled, setBroadcastEnabled as storeBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";
import { testS3Connection } from "@/lib/platform/s3/test-connection";

// Thin server actions: parse → call lib/ → typed result. Each one is a public POST endpoint, so each
// validates its own input and never trusts anything the browser says about earlier steps, and each
// checks the session and role itself (viewers may read, owners and admins may change).

export type BroadcastSettingsData = { broadcastEnabled: boolean; destinations: DestinationView[] };

export async function loadBroadcastSettings(): Promise<BroadcastSettingsData> {
  await requireSession();
  const prisma = await db();
  const { keyring } = getServerConfig();
  const [broadcastEnabled, destinations] = await Promise.all([isBroadcastEnabled(prisma), listDestinations(prisma, keyring)]);
  return { broadcastEnabled, destinations };
}

export async function setBroadcastEnabled(enabled: unknown): Promise<ActionResult<{ broadcastEnabled: boolean }>> {
  const user = await requireRole("admin");
  const parsed = z.boolean().safeParse(enabled);
  if (!parsed.success) return { ok: false, formError: "Expected true or false." };
  const prisma = await db();
  const before = await isBroadcastEnabled(prisma);
  const broadcastEnabled = await storeBroadcastEnabled(prisma, parsed.data);
  await recordAudit(prisma, { actor: user, action: "settings.broadcast", target: "Broadcast switch", before: { broadcastEnabled: before }, after: { broadcastEnabled } });
  return { ok: true, data: { broadcastEnabled } };
}

/** Runs the connection test on the form's current values; persists nothing. */
export async function testConnection(values: unknown): Promise<ActionResult<ConnectionTestOutcome>> {
  const user = await requireRole("admin");
  const tested = await prepareAndTest(user.id, values);
  return tested.ok ? { ok: true, data: tested.result } : tested;
}

/** Re-runs the test on exactly the submitted values and writes only if it passes. */
export async function saveDestination(values: unknown): Promise<ActionResult<DestinationView>> {
  const user = await requireRole("admin");
  const tested = await prepareAndTest(user.id, values);
  if (!tested.ok) return tested;
  const { prepared, result } = tested;
  if (!result.ok) {
    return { ok: false, formError: "Not saved: the connection test failed.", connection: { failure: result.failure, roundTripMs: result.roundTripMs } };
  }
  try {
    const { keyring } = getServerConfig();
    const prisma = await db();
    const before = prepared.input.id ? await loadDestination(prisma, keyring, prepared.input.id) : null;
    const view = await saveStoredDestination(prisma, keyring, { ...prepared.input, ...prepared.secrets }, new Date());
    // The settings just passed a fresh connection test: whatever paused delivery is fixed.
    if (before) await resumeDestination(prisma, view.id);
    await recordDestinationAudit(user, before ? "destination.update" : "destination.create", view.name, {
      ...diffAuditValues(destinationAuditFields(before), destinationAuditFields(view), replacedSecretFields(prepared.input)),
    });
    return { ok: true, data: view };
  } catch (error) {
    if (error instanceof DestinationLimitError) return { ok: false, formError: error.message };
    throw error;
  }
}

export async function setDestinationFlags(id: unknown, flags: unknown): Promise<ActionResult<DestinationView>> {
  const user = await requireRole("admin");
  const parsed = z
    .object({ id: z.uuid(), flags: z.object({ enabled: z.boolean().optional(), privacyMode: z.boolean().optional() }) })
    .safeParse({ id, flags });
  if (!parsed.success) return { ok: false, formError: "Invalid destination or flags." };
  const { keyring } = getServerConfig();
  const prisma = await db();
  const before = await loadDestination(prisma, keyring, parsed.data.id);
  const view = await updateDestinationFlags(prisma, keyring, parsed.data.id, parsed.data.flags);
  if (!view) return { ok: false, formError: "That destination no longer exists." };
  await recordDestinationAudit(user, "destination.flags", view.name, diffAuditValues(destinationAuditFields(before), destinationAuditFields(view)));
  return { ok: true, data: view };
}

export async function deleteDestination(id: unknown): Promise<ActionResult<{ id: string }>> {
  const user = await requireRole("admin");
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return { ok: false, formError: "Invalid destination id." };
  const prisma = await db();
  const before = await loadDestination(prisma, getServerConfig().keyring, parsed.data);
  const deleted = await deleteStoredDestination(prisma, parsed.data);
  if (!deleted) return { ok: false, formError: "That destination no longer exists." };
  await recordDestinationAudit(user, "destination.delete", before?.name ?? parsed.data, { before: destinationAuditFields(before), after: null });
  return { ok: true, data: { id: parsed.data } };
}

async function recordDestinationAudit(
  user: SessionUser,
  action: string,
  name: string,
  values: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
) {
  await recordAudit(await db(), { actor: user, action, target: `destination "${name}"`, ...values });
}

/** Rate limit, parse, resolve kept secrets, then one connection test: shared by Test and Save. */
async function prepareAndTest(userId: string, values: unknown) {
  const limit = actionLimits().connectionTest.take(userId);
  if (!limit.allowed) return { ok: false as const, formError: tooManyMessage(limit.retryAfterSeconds) };
  const prepared = await prepare(values);
  if (!prepared.ok) return prepared;
  const result = await testS3Connection(prepared.target, { allowedEndpoints: getServerConfig().allowedEndpoints });
  return { ok: true as const, prepared, result };
}

async function prepare(values: unknown) {
  const parsed = destinationFormSchema.safeParse(values);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error) };
  const schemeError = endpointSchemeError(parsed.data.endpoint, getServerConfig().allowedEndpoints);
  if (schemeError) return { ok: false as const, fieldErrors: { endpoint: [schemeError] } };
  const secrets = await resolveSecrets(await db(), getServerConfig().keyring, parsed.data);
  if (!secrets) return { ok: false as const, formError: "That destination no longer exists." };
  return { ok: true as const, input: parsed.data, secrets, target: toConnectionTarget(parsed.data, secrets) };
}
