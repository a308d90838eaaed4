import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { runtimeSlot } from "@/lib/platform/runtime/container";

// Every metric Broadcast exports, in one place (docs/operations.md lists them with their labels).
// Labels are ids and fixed codes only: a destination id, an endpoint path, an HTTP status, an error
// code from lib/core/classify-s3-error.ts. Never trace content, key names or user input.
//
// In the runtime container: Next.js evaluates this module once per module graph (instrumentation,
// route handlers), and all of them must count into the same registry the /metrics route reads.

export type BroadcastMetrics = ReturnType<typeof createMetrics>;

const metrics = runtimeSlot("metrics", () => createMetrics());

// Accepted → written spans milliseconds (healthy) to hours (an outage waited out).
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const S3_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    ingestRequests: new Counter({
      name: "broadcast_ingest_requests_total",
      help: "Ingest HTTP requests answered, by endpoint and status code.",
      labelNames: ["endpoint", "status"] as const,
      registers,
    }),
    tracesAccepted: new Counter({
      name: "broadcast_traces_accepted_total",
      help: "Traces stored durably and acknowledged (202).",
      registers,
    }),
    deliveriesWritten: new Counter({
      name: "broadcast_deliveries_written_total",
      help: "Trace files written to a destination's bucket.",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    batchFilesWritten: new Counter({
      name: "broadcast_batch_files_written_total",
      help: "Batched NDJSON files written; the traces in them count in broadcast_deliveries_written_total.",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    deliveriesFailed: new Counter({
      name: "broadcast_delivery_failures_total",
      help: "Failed write attempts, by destination and error code (retried, dead-lettered or pausing).",
      labelNames: ["destination_id", "code"] as const,
      registers,
    }),
    deliveriesRetried: new Counter({
      name: "broadcast_deliveries_retried_total",
      help: "Failed attempts scheduled for another try.",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    deliveriesDeadLettered: new Counter({
      name: "broadcast_deliveries_dead_lettered_total",
      help: "Deliveries given up after the retry horizon (listed as dead letters).",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    recoveryReleases: new Counter({
      name: "broadcast_recovery_releases_total",
      help: "Times a destination came back and its waiting deliveries were released at once.",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    deliveryLatency: new Histogram({
      name: "broadcast_delivery_latency_seconds",
      help: "Time from a trace being accepted to its file being written.",
      labelNames: ["destination_id"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    s3RequestDuration: new Histogram({
      name: "broadcast_s3_request_duration_seconds",
      help: "Duration of S3 requests made by the delivery workers, by operation and result.",
      labelNames: ["operation", "result"] as const,
      buckets: S3_BUCKETS,
      registers,
    }),
    backlog: new Gauge({
      name: "broadcast_delivery_backlog",
      help: "Deliveries waiting to be written (pending, retrying or held by a pause), per destination.",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    oldestPendingAge: new Gauge({
      name: "broadcast_delivery_oldest_pending_age_seconds",
      help: "Age of the oldest waiting delivery per destination (0 when none waits).",
      labelNames: ["destination_id"] as const,
      registers,
    }),
    destinationPaused: new Gauge({
      name: "broadcast_destination_paused",
      help: "1 while a destination is paused for an error only the user can fix; the reason label is its code.",
      labelNames: ["destination_id", "reason"] as const,
      registers,
    }),
    databaseUp: new Gauge({
      name: "broadcast_database_up",
      help: "1 when the last metrics scrape could query the database, 0 when it could not.",
      registers,
    }),
  };
}

export function getMetrics(): BroadcastMetrics {
  return metrics.get();
}
