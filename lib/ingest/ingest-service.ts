import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { db } from "@/lib/db/client";
import { enqueueTraces, isBacklogFull } from "@/lib/delivery/enqueue";
import { RateLimiter } from "@/lib/http/rate-limiter";
import { getServerConfig } from "@/lib/server/server-config";
import type { IngestDeps } from "./handle-ingest";

const globalForIngest = globalThis as unknown as { broadcastIngestDeps?: IngestDeps };

/** The real dependencies of the ingest handler: database, API keys, the delivery queue. */
export function ingestDeps(): IngestDeps {
  if (globalForIngest.broadcastIngestDeps) return globalForIngest.broadcastIngestDeps;
  const { ingest } = getServerConfig();
  const deps: IngestDeps = {
    parseBearer,
    authenticate: async (rawKey) => authenticateApiKey(await db(), rawKey),
    rateLimiter: new RateLimiter(ingest.ratePerSecond, ingest.burst),
    isBacklogFull: async () => isBacklogFull(await db(), ingest.maxBacklog),
    // enqueueTraces wakes this process's delivery workers itself.
    enqueue: async (events, ctx) => enqueueTraces(await db(), events, ctx),
    now: () => new Date(),
  };
  globalForIngest.broadcastIngestDeps = deps;
  return deps;
}
