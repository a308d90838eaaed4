"use server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { requireRole, requireSession } from "@/lib/platform/auth/session";
import { db } from "@/lib/platform/db/client";
import { loadDeliveryOverview, type DeliveryOverview } from "@/lib/delivery/delivery-overview";
import { replayDeadLetter as replayStoredDeadLetter, replayDeadLetters, resumeDestination } from "@/lib/delivery/queue-store";
import { sendTestTrace as sendStoredTestTrace, type SendTestTraceResult } from "@/lib/delivery/send-test-trace";
import type { ActionResult } from "@/lib/core/action-result";
import { actionLimits, tooManyMessage } from "@/lib/platform/http/action-limits";

// Delivery health and the user's levers on it. Same shape as actions.ts: each action checks the
// session and role itself first (viewers may read health; owners and admins may act), parses its
// input, calls lib/delivery and returns a typed result.

export async function loadDeliveryHealth(): Promise<DeliveryOverview> {
  await requireSession();
  return loadDeliveryOverview(await db());
}

/** Clears a pause; the destination's whole backlog becomes due at once. */
export async function resumeDelivery(destinationId: unknown): Promise<ActionResult<{ id: string }>> {
  const user = await requireRole("admin");
  const parsed = z.uuid().safeParse(destinationId);
  if (!parsed.success) return { ok: false, formError: "Invalid destination id." };
  const prisma = await db();
  const destination = await prisma.destination.findUnique({ where: { id: parsed.data }, select: { name: true, pauseCode: true } });
  if (!destination || !(await resumeDestination(prisma, parsed.data))) return { ok: false, formError: "That destination no longer exists." };
  await recordAudit(prisma, {
    actor: user,
    action: "destination.resume",
    target: `destination "${destination.name}"`,
    before: { pausedFor: destination.pauseCode },
    after: { pausedFor: null },
  });
  return { ok: true, data: { id: parsed.data } };
}

/** Sends one dead letter again, with a fresh retry horizon. */
export async function replayDeadLetter(deliveryId: unknown): Promise<ActionResult<{ id: string }>> {
  const user = await requireRole("admin");
  const parsed = z.uuid().safeParse(deliveryId);
  if (!parsed.success) return { ok: false, formError: "Invalid delivery id." };
  const prisma = await db();
  const delivery = await prisma.delivery.findUnique({
    where: { id: parsed.data },
    select: { objectKey: true, destination: { select: { name: true } } },
  });
  if (!delivery || !(await replayStoredDeadLetter(prisma, parsed.data))) {
    return { ok: false, formError: "That dead letter was already replayed or no longer exists." };
  }
  await recordAudit(prisma, {
    actor: user,
    action: "delivery.replay",
    target: `destination "${delivery.destination.name}"`,
    after: { replayed: delivery.objectKey },
  });
  return { ok: true, data: { id: parsed.data } };
}

/** Sends every dead letter of a destination again. */
export async function replayAllDeadLetters(destinationId: unknown): Promise<ActionResult<{ replayed: number }>> {
  const user = await requireRole("admin");
  const parsed = z.uuid().safeParse(destinationId);
  if (!parsed.success) return { ok: false, formError: "Invalid destination id." };
  const prisma = await db();
  const destination = await prisma.destination.findUnique({ where: { id: parsed.data }, select: { name: true } });
  if (!destination) return { ok: false, formError: "That destination no longer exists." };
  const replayed = await replayDeadLetters(prisma, parsed.data);
  if (replayed > 0) {
    await recordAudit(prisma, { actor: user, action: "delivery.replay-all", target: `destination "${destination.name}"`, after: { replayed } });
  }
  return { ok: true, data: { replayed } };
}

/** Writes a synthetic trace through the queue to this destination only and waits up to ~10 s for it. */
export async function sendTestTrace(destinationId: unknown): Promise<ActionResult<SendTestTraceResult>> {
  const user = await requireRole("admin");
  // Each one makes this server write to an address the user chose, like a connection test.
  const limit = actionLimits().connectionTest.take(user.id);
  if (!limit.allowed) return { ok: false, formError: tooManyMessage(limit.retryAfterSeconds) };
  const parsed = z.uuid().safeParse(destinationId);
  if (!parsed.success) return { ok: false, formError: "Invalid destination id." };
  return { ok: true, data: await sendStoredTestTrace(await db(), parsed.data) };
}
