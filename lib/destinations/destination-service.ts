import "server-only";
import { diffAuditValues } from "@/lib/audit-log/audit-values";
import { recordAudit, type AuditActor } from "@/lib/audit-log/record-audit";
import type { ConnectionTestOutcome } from "./connection-test-outcome";
import { issuesByPath } from "@/lib/core/routing/routing-schema";
import { resumeDestination } from "@/lib/delivery/queue-store";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { testS3Connection, type ConnectionTarget } from "@/lib/platform/s3/test-connection";
import { toConnectionTarget } from "./connection-target";
import { destinationAuditFields, replacedSecretFields } from "./destination-audit";
import { destinationFormSchema, type DestinationInput } from "./destination-schema";
import { loadDestination, resolveSecrets, saveDestination } from "./destination-store";
import type { DestinationView } from "./destination-view";
import { endpointSchemeError } from "./endpoint-scheme";

// Test-then-save, shared by the form's server actions and the destinations API so both apply the
// same schema, the same key checks and the same connection test, and audit the same way.

export type DestinationDeps = { prisma: PrismaClient; keyring: Keyring; allowedEndpoints: AllowedEndpoint[] };

export type Prepared = {
  input: DestinationInput;
  secrets: { secretAccessKey: string; sessionToken: string };
  target: ConnectionTarget;
};
/** fieldErrors are keyed by dotted path (`filterRules.groups.0.rules.1.value`). */
export type Refusal = { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; notFound?: true };

/** Parse, check the endpoint's scheme and the listed keys, resolve kept secrets. Persists nothing. */
export async function prepareDestination(deps: DestinationDeps, values: unknown): Promise<({ ok: true } & Prepared) | Refusal> {
  const parsed = destinationFormSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: issuesByPath(parsed.error) };
  return prepareInput(deps, parsed.data);
}

/** What the schema cannot check (the endpoint scheme against the allowlist, the listed keys), then kept secrets. */
export async function prepareInput(deps: DestinationDeps, input: DestinationInput): Promise<({ ok: true } & Prepared) | Refusal> {
  const schemeError = endpointSchemeError(input.endpoint, deps.allowedEndpoints);
  if (schemeError) return { ok: false, fieldErrors: { endpoint: [schemeError] } };
  const keyErrors = await unknownKeyErrors(deps.prisma, input.apiKeyIds);
  if (keyErrors) return { ok: false, fieldErrors: keyErrors };
  const secrets = await resolveSecrets(deps.prisma, deps.keyring, input);
  if (!secrets) return { ok: false, formError: "That destination no longer exists.", notFound: true };
  return { ok: true, input, secrets, target: toConnectionTarget(input, secrets) };
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

export async function testPrepared(deps: DestinationDeps, prepared: Prepared): Promise<ConnectionTestOutcome> {
  return testS3Connection(prepared.target, { allowedEndpoints: deps.allowedEndpoints });
}

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
