import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { db } from "@/lib/platform/db/client";
import { actionLimits } from "@/lib/platform/http/action-limits";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import type { DestinationsApiDeps } from "./handle-destinations-api";

/** The real dependencies of the destinations API; connection tests share the form's per-caller limit. */
export async function destinationsApiDeps(): Promise<DestinationsApiDeps> {
  const prisma = await db();
  const { keyring, allowedEndpoints } = getServerConfig();
  return {
    prisma,
    keyring,
    allowedEndpoints,
    parseBearer,
    authenticate: (rawKey) => authenticateApiKey(prisma, rawKey),
    takeConnectionTest: (keyId) => actionLimits().connectionTest.take(`api-key:${keyId}`),
  };
}
