import "server-only";
import { toConnectionTarget } from "@/lib/destinations/connection-target";
import type { DestinationInput } from "@/lib/destinations/destination-schema";
import { resolveSecrets } from "@/lib/destinations/destination-store";
import { endpointSchemeError } from "@/lib/destinations/endpoint-scheme";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { testS3Connection } from "@/lib/platform/s3/test-connection";

/**
 * What Test Connection and Save share after parsing: what the schema cannot check (the endpoint
 * scheme against the allowlist), kept secrets, then one connection test.
 */
export async function prepareConnectionTest(
  prisma: PrismaClient,
  config: { keyring: Keyring; allowedEndpoints: AllowedEndpoint[] },
  input: DestinationInput,
) {
  const schemeError = endpointSchemeError(input.endpoint, config.allowedEndpoints);
  if (schemeError) return { ok: false as const, fieldErrors: { endpoint: [schemeError] } };
  const resolved = await resolveSecrets(prisma, config.keyring, input);
  if (!resolved) return { ok: false as const, formError: "That destination no longer exists." };
  if (!resolved.ok) return { ok: false as const, fieldErrors: resolved.fieldErrors };
  const { secrets } = resolved;
  const result = await testS3Connection(toConnectionTarget(input, secrets), { allowedEndpoints: config.allowedEndpoints });
  return { ok: true as const, secrets, result };
}
