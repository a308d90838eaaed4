import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { db } from "@/lib/platform/db/client";
import { resolveDatabaseTarget } from "@/lib/platform/db/database-target";
import { enqueueBatch, isBacklogFull, type EnqueueRequest, type EnqueueResult } from "@/lib/delivery/enqueue";
import { GroupCommit } from "@/lib/delivery/group-commit";
import { isBacklogOverBytes } from "@/lib/delivery/backlog-bytes";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { actionLimits } from "@/lib/platform/http/action-limits";
import { clientAddress, UNKNOWN_ADDRESS } from "@/lib/platform/http/client-address";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import type { IngestDeps } from "./handle-ingest";

// One set per process (in the runtime container): the rate limiter and group commit must be shared.
const deps = runtimeSlot("ingest.deps", createIngestDeps);

// Bounds one transaction's size (and the time a request waits behind others) under a burst.
const MAX_EVENTS_PER_COMMIT = 500;

/** The real dependencies of the ingest handler: database, API keys, the delivery queue. */
export function ingestDeps(): IngestDeps {
  return deps.get();
}

function createIngestDeps(): IngestDeps {
  const { ingest } = getServerConfig();
  // Concurrent requests share one transaction (lib/delivery/group-commit.ts): the embedded database
  // runs one transaction at a time, so per-request transactions would queue behind each other.
  const commits = new GroupCommit<EnqueueRequest, EnqueueResult>({
    commit: async (requests) => enqueueBatch(await db(), requests),
    maxBatchWeight: MAX_EVENTS_PER_COMMIT,
    weigh: (request) => request.events.length,
    maxConcurrent: resolveDatabaseTarget().kind === "postgres" ? 2 : 1,
  });
  return {
    parseBearer,
    authenticate: async (rawKey) => authenticateApiKey(await db(), rawKey),
    rateLimiter: new RateLimiter(ingest.ratePerSecond, ingest.burst),
    failedKeys: {
      // An unknown socket would put every client in one budget: one bad client would lock out all.
      addressOf: (headers) => {
        const address = clientAddress(headers);
        return address === UNKNOWN_ADDRESS ? undefined : address;
      },
      peek: (address) => actionLimits().failedKeyByAddress.peek(address),
      take: (address) => actionLimits().failedKeyByAddress.take(address),
    },
    isBacklogFull: async () => {
      const prisma = await db();
      return (await isBacklogFull(prisma, ingest.maxBacklog)) || (await isBacklogOverBytes(prisma, ingest.maxBacklogBytes));
    },
    // enqueueBatch wakes this process's delivery workers itself.
    enqueue: (events, ctx) => commits.add({ events, ctx }),
    now: () => new Date(),
  };
}
