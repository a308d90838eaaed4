import "server-only";
import { diffAuditValues } from "@/lib/audit-log/audit-values";
import { recordAudit, type AuditActor } from "@/lib/audit-log/record-audit";
import type { ConnectionTestOutcome } from "./connection-test-outcome";
import { issuesByPath } from "@/lib/core/routing/routing-schema";
import { resumeDestination } from "@/lib/delivery/queue-store";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { destinationAuditFields, replacedSecretFields } from "./destination-audit";
import { destinationFormSchema, type DestinationInput } from "./destination-schema";
import { loadDestination, saveDestination } from "./destination-store";
import { prepareConnectionTest } from "./prepare-connection-test";
import type { DestinationView } from "./destination-view";

// Test-then-save, shared by the form's server actions and the destinations API so both apply the
// same schema, the same key checks and the same connection test, and audit the same way.

export type DestinationDeps = { prisma: PrismaClient; keyring: Keyring; allowedEndpoints: AllowedEndpoint[] };

export type Prepared = { input: DestinationInput; secrets: { secretAccessKey: string; sessionToken: string } };
export type Tested = { ok: true; result: ConnectionTestOutcome } & Prepared;
/** fieldErrors are keyed by dotted path (`filterRules.groups.0.rules.1.value`). */
export type Refusal = { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; notFound?: true };

/** Parse, then prepareAndTest. */
export async function parseAndTest(deps: DestinationDeps, values: unknown): Promise<Tested | Refusal> {
  const parsed = destinationFormSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: issuesByPath(parsed.error) };
  return prepareAndTest(deps, parsed.data);
}

/** The listed keys, then prepare-connection-test.ts (endpoint scheme, kept secrets, one test). Persists nothing. */
export async function prepareAndTest(deps: DestinationDeps, input: DestinationInput): Promise<Tested | Refusal> {
  const keyErrors = await unknownKeyErrors(deps.prisma, input.apiKeyIds);
  if (keyErrors) return { ok: false, fieldErrors: keyErrors };
  const tested = await prepareConnectionTest(deps.prisma, deps, input);
  // Its only form error is a destination deleted meanwhile.
  if (!tested.ok) return { ok: false, fieldErrors: tested.fieldErrors, formError: tested.formError, ...(tested.formError ? { notFound: true as const } : {}) };
  return { ok: true, input, secrets: tested.secrets, result: tested.result };
}

/** A listed key must exist and be active: a revoked key could never match, and a typo would send nothing. */
async function unknownKeyErrors(prisma: PrismaClient, ids: string[] | null): Promise<Record<string, string[]> | null> {
  if (!ids || ids.length === 0) return null;
  const uuids = ids.filter((id) => UUID.test(id));
  const active = await prisma.apiKey.findMany({ where: { id: { in: uuids }, revokedAt: null }, select: { id: true } });
  const known = new Set(active.map((key) => key.id));
  const errors: Record<string, string[]> = {};
  ids.forEach((id, index) => {
    if (!known.has(id)) errors[`apiKeyIds.${index}`] = ["No active API key has this id."];
  });
  return Object.keys(errors).length > 0 ? errors : null;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Saves values whose connection test just passed, resumes a paused destination, and audits. */
export async function saveTestedDestination(
  deps: DestinationDeps,
  prepared: Prepared,
  actor: AuditActor,
): Promise<DestinationView> {
  const { prisma, keyring } = deps;
  const before = prepared.input.id ? await loadDestination(prisma, keyring, prepared.input.id) : null;
  const view = await saveDestination(prisma, keyring, { ...prepared.input, ...prepared.secrets }, new Date());
  // The settings just passed a fresh connection test: whatever paused delivery is fixed.
  if (before) await resumeDestination(prisma, view.id);
  await recordAudit(prisma, {
    actor,
    action: before ? "destination.update" : "destination.create",
    target: `destination "${view.name}"`,
    ...diffAuditValues(destinationAuditFields(before), destinationAuditFields(view), replacedSecretFields(prepared.input)),
  });
  return view;
}
