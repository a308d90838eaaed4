import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { buildSampleEvent } from "@/lib/core/trace/sample-trace";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { isBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";
import { enqueueTraces } from "./enqueue";
import { isUuid } from "./queue-store";

// "Send Test Trace": one synthetic trace through the real pipeline (accept → queue → worker →
// PutObject), to one destination only, then a short wait for its outcome. Going through the queue
// instead of writing directly is the point: it proves what a real trace would do right now.

export const TEST_TRACE_API_KEY_NAME = "send-test-trace";
/** Stands in for an API key id: no key sent the test trace, and a UUID-shaped id never equals this. */
export const TEST_TRACE_API_KEY_ID = "send-test-trace";
export const DEFAULT_TEST_TRACE_WAIT_MS = 10_000;

export type SendTestTraceRefusal = "not-found" | "broadcast-off" | "destination-disabled" | "destination-paused";

export type SendTestTraceResult =
  | { outcome: "delivered"; key: string; bytes: number | null; attempts: number }
  /** Dead-lettered, or the destination was paused by this very attempt. */
  | { outcome: "failed"; key: string; code: string; message: string; isPaused: boolean }
  /** Still pending when the wait ended (retrying, or just slow); it keeps going in the background. */
  | { outcome: "queued"; key: string; lastError: { code: string; message: string } | null }
  /** Nothing was written. */
  | { outcome: "refused"; reason: SendTestTraceRefusal; message: string };

type Options = { now?: Date; waitMs?: number; pollMs?: number };

export async function sendTestTrace(prisma: PrismaClient, destinationId: string, opts: Options = {}): Promise<SendTestTraceResult> {
  const refusal = await checkSendable(prisma, destinationId);
  if (refusal) return refusal;

  const now = opts.now ?? new Date();
  const parsed = parseIngestBody(buildSampleEvent(now), now);
  if (!parsed.ok) throw new Error(`the sample trace does not pass the ingest schema: ${JSON.stringify(parsed.errors)}`);
  const { traceIds } = await enqueueTraces(prisma, parsed.events, {
    apiKeyName: TEST_TRACE_API_KEY_NAME,
    apiKeyId: TEST_TRACE_API_KEY_ID,
    now,
    onlyDestinationId: destinationId,
  });
  const traceId = traceIds[0];
  // Switched off or disabled between the check and the insert: enqueue stored nothing.
  if (!traceId) return (await checkSendable(prisma, destinationId)) ?? refused("broadcast-off");

  const delivery = await prisma.delivery.findFirst({ where: { traceId, destinationId }, select: { id: true, objectKey: true } });
  if (!delivery) return refused("not-found");
  return waitForOutcome(prisma, delivery, destinationId, opts);
}

async function checkSendable(prisma: PrismaClient, destinationId: string): Promise<SendTestTraceResult | null> {
  if (!isUuid(destinationId)) return refused("not-found");
  const destination = await prisma.destination.findUnique({
    where: { id: destinationId },
    select: { enabled: true, pausedAt: true, pauseMessage: true },
  });
  if (!destination) return refused("not-found");
  if (!(await isBroadcastEnabled(prisma))) return refused("broadcast-off");
  if (!destination.enabled) return refused("destination-disabled");
  if (destination.pausedAt) {
    return {
      outcome: "refused",
      reason: "destination-paused",
      message: `Delivery to this destination is paused (${destination.pauseMessage ?? "unknown error"}). Fix its settings and save, or press Resume, then try again.`,
    };
  }
  return null;
}

const REFUSALS: Record<Exclude<SendTestTraceRefusal, "destination-paused">, string> = {
  "not-found": "That destination no longer exists.",
  "broadcast-off": "Broadcast is off: nothing is written to any bucket. Turn Broadcast on to send a test trace.",
  "destination-disabled": "This destination is disabled. Enable it to send a test trace.",
};

function refused(reason: Exclude<SendTestTraceRefusal, "destination-paused">): SendTestTraceResult {
  return { outcome: "refused", reason, message: REFUSALS[reason] };
}

async function waitForOutcome(
  prisma: PrismaClient,
  delivery: { id: string; objectKey: string },
  destinationId: string,
  opts: Options,
): Promise<SendTestTraceResult> {
  const deadline = Date.now() + (opts.waitMs ?? DEFAULT_TEST_TRACE_WAIT_MS);
  const key = delivery.objectKey;
  for (;;) {
    const row = await prisma.delivery.findUnique({
      where: { id: delivery.id },
      select: { status: true, bytes: true, attempts: true, lastErrorCode: true, lastError: true },
    });
    if (!row) return refused("not-found"); // the destination was deleted meanwhile
    if (row.status === "delivered") return { outcome: "delivered", key, bytes: row.bytes, attempts: row.attempts };
    if (row.status === "dead") {
      return { outcome: "failed", key, code: row.lastErrorCode ?? "unknown", message: row.lastError ?? "", isPaused: false };
    }
    const destination = await prisma.destination.findUnique({
      where: { id: destinationId },
      select: { pausedAt: true, pauseCode: true, pauseMessage: true },
    });
    if (destination?.pausedAt) {
      return { outcome: "failed", key, code: destination.pauseCode ?? "unknown", message: destination.pauseMessage ?? "", isPaused: true };
    }
    if (Date.now() >= deadline) {
      const lastError = row.lastErrorCode ? { code: row.lastErrorCode, message: row.lastError ?? "" } : null;
      return { outcome: "queued", key, lastError };
    }
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 150));
  }
}
