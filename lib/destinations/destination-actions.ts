"use server";
import { z } from "zod";
import { diffAuditValues } from "@/lib/audit-log/audit-values";
import { recordAudit } from "@/lib/audit-log/record-audit";
import type { SaveFailureDetail } from "@/lib/destinations/connection-test-outcome";
import { destinationAuditFields } from "@/lib/destinations/destination-audit";
import { destinationFormSchema } from "@/lib/destinations/destination-schema";
import {
  DestinationLimitError,
  deleteDestination as deleteStoredDestination,
  loadDestination,
  updateDestinationFlags,
} from "@/lib/destinations/destination-store";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { prepareAndTest, saveTestedDestination, type DestinationDeps, type Refusal } from "@/lib/destinations/destination-service";
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
export const testConnection = connectionTested.action(async ({ input, user, prisma }) => {
  const tested = await prepareAndTest(serviceDeps(prisma), input);
  if (!tested.ok) return refusalOf(tested);
  // Audited: each test makes this server contact an address the user chose. Never the secrets.
  await recordAudit(prisma, {
    actor: user,
    action: "destination.test-connection",
    target: `destination "${input.name}"`,
    after: { endpoint: input.endpoint || null, bucketName: input.bucketName, ok: tested.result.ok },
  });
  return { ok: true, data: tested.result };
});

/** Re-runs the test on exactly the submitted values and writes only if it passes. */
export const saveDestination = connectionTested.refusing(DestinationLimitError).action<DestinationView, SaveFailureDetail>(async ({ input, user, prisma }) => {
  const deps = serviceDeps(prisma);
  const tested = await prepareAndTest(deps, input);
  if (!tested.ok) return refusalOf(tested);
  const { result } = tested;
  if (!result.ok) {
    return { ok: false, formError: "Not saved: the connection test failed.", connection: { failure: result.failure, roundTripMs: result.roundTripMs } };
  }
  // destination-service.ts saves, resumes a paused destination and audits (shared with the API).
  return { ok: true, data: await saveTestedDestination(deps, tested, user) };
});

function serviceDeps(prisma: PrismaClient): DestinationDeps {
  const { keyring, allowedEndpoints } = getServerConfig();
  return { prisma, keyring, allowedEndpoints };
}

function refusalOf(refused: Refusal) {
  return { ok: false as const, fieldErrors: refused.fieldErrors, formError: refused.formError };
}

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
