import "server-only";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { ingestDeps } from "../ingest-service";
import type { OtlpDeps } from "./handle-otlp-traces";

/**
 * The OTLP handler's dependencies are the native ingest's (one rate limiter per key, one backlog
 * bound, one group commit), so both endpoints give the same guarantees and share one budget.
 */
export function otlpDeps(): OtlpDeps {
  const deps = ingestDeps();
  return { ...deps, maxBodyBytes: getServerConfig().ingest.otlpMaxBytes };
}
