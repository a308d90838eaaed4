"use server";
import { z } from "zod";
import { diffAuditValues } from "@/lib/audit-log/audit-values";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { resumeDestination } from "@/lib/delivery/queue-store";
import type { SaveFailureDetail } from "@/lib/destinations/connection-test-outcome";
import { destinationAuditFields, replacedSecretFields } from "@/lib/destinations/destination-audit";
import { destinationFormSchema } from "@/lib/destinations/destination-schema";
import {
  DestinationLimitError,
  deleteDestination as deleteStoredDestination,
  loadDestination,
  saveDestination as saveStoredDestination,
  updateDestinationFlags,
} from "@/lib/destinations/destination-store";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { prepareConnectionTest } from "@/lib/destinations/prepare-connection-test";
import { actionFor } from "@/lib/platform/actions/action-for";
import type { SessionUser } from "@/lib/platform/auth/session";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { actionLimits } from "@/lib/platform/http/action-limits";
import { getServerConfig } from "@/lib/platform/runtime/server-config";

// Each action validates its own input and never trusts anything the browser says about earlier steps
// (a "tested" flag, say). Viewers read through loadBroadcastSettings (lib/broadcast-switch).

/** Test and Save: each connection test makes this server contact an address the user chose. */
const connectionTested = actionFor("admin")
  .limit(({ user }) => [actionLimits().connectionTest.take(user.id)])
  .input(destinationFormSchema);

/** Runs the connection test on the form's current values; persists nothing. */
export const testConnection = connectionTested.action(async ({ input, prisma }) => {
  const tested = await prepareConnectionTest(prisma, getServerConfig(), input);
  return tested.ok ? { ok: true, data: tested.result } : tested;
});

/** Re-runs the test on exactly the submitted values and writes only if it passes. */
export const saveDestination = connectionTested.refusing(DestinationLimitError).action<DestinationView, SaveFailureDetail>(async ({ input, user, prisma }) => {
  const tested = await prepareConnectionTest(prisma, getServerConfig(), input);
  if (!tested.ok) return tested;
  const { secrets, result } = tested;
  if (!result.ok) {
    return { ok: false, formError: "Not saved: the connection test failed.", connection: { failure: result.failure, roundTripMs: result.roundTripMs } };
  }
  const { keyring } = getServerConfig();
  const before = input.id ? await loadDestination(prisma, keyring, input.id) : null;
  const view = await saveStoredDestination(prisma, keyring, { ...input, ...secrets }, new Date());
  // The settings just passed a fresh connection test: whatever paused delivery is fixed.
  if (before) await resumeDestination(prisma, view.id);
  await recordDestinationAudit(prisma, user, before ? "destination.update" : "destination.create", view.name, {
    ...diffAuditValues(destinationAuditFields(before), destinationAuditFields(view), replacedSecretFields(input)),
  });
  return { ok: true, data: view };
});

const destinationFlagsSchema = z.object({ enabled: z.boolean().optional(), privacyMode: z.boolean().optional() });

export const setDestinationFlags = actionFor("admin")
  .inputs(z.tuple([z.uuid(), destinationFlagsSchema]), "Invalid destination or flags.")
  .action(async ({ input: [id, flags], user, prisma }) => {
    const { keyring } = getServerConfig();
    const before = await loadDestination(prisma, keyring, id);
    const view = await updateDestinationFlags(prisma, keyring, id, flags);
    if (!view) return { ok: false, formError: "That destination no longer exists." };
    await recordDestinationAudit(prisma, user, "destination.flags", view.name, diffAuditValues(destinationAuditFields(before), destinationAuditFields(view)));
    return { ok: true, data: view };
  });

export const deleteDestination = actionFor("admin")
  .input(z.uuid(), "Invalid destination id.")
  .action(async ({ input: id, user, prisma }) => {
    const before = await loadDestination(prisma, getServerConfig().keyring, id);
    const deleted = await deleteStoredDestination(prisma, id);
    if (!deleted) return { ok: false, formError: "That destination no longer exists." };
    await recordDestinationAudit(prisma, user, "destination.delete", before?.name ?? id, { before: destinationAuditFields(before), after: null });
    return { ok: true, data: { id } };
  });

async function recordDestinationAudit(
  prisma: PrismaClient,
  user: SessionUser,
  action: string,
  name: string,
  values: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
) {
  await recordAudit(prisma, { actor: user, action, target: `destination "${name}"`, ...values });
}
