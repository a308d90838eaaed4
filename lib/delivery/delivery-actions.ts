"use server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { loadDeliveryOverview } from "@/lib/delivery/delivery-overview";
import { replayDeadLetter as replayStoredDeadLetter, replayDeadLetters, resumeDestination } from "@/lib/delivery/queue-store";
import { sendTestTrace as sendStoredTestTrace } from "@/lib/delivery/send-test-trace";
import { actionFor } from "@/lib/platform/actions/action-for";
import { actionLimits } from "@/lib/platform/http/action-limits";

// Delivery health and the user's levers on it: viewers may read health; owners and admins may act.

export const loadDeliveryHealth = actionFor("viewer").run(async ({ prisma }) => loadDeliveryOverview(prisma));

/** Clears a pause; the destination's whole backlog becomes due at once. */
export const resumeDelivery = actionFor("admin")
  .input(z.uuid(), "Invalid destination id.")
  .action(async ({ input: id, user, prisma }) => {
    const destination = await prisma.destination.findUnique({ where: { id }, select: { name: true, pauseCode: true } });
    if (!destination || !(await resumeDestination(prisma, id))) return { ok: false, formError: "That destination no longer exists." };
    await recordAudit(prisma, {
      actor: user,
      action: "destination.resume",
      target: `destination "${destination.name}"`,
      before: { pausedFor: destination.pauseCode },
      after: { pausedFor: null },
    });
    return { ok: true, data: { id } };
  });

/** Sends one dead letter again, with a fresh retry horizon. */
export const replayDeadLetter = actionFor("admin")
  .input(z.uuid(), "Invalid delivery id.")
  .action(async ({ input: id, user, prisma }) => {
    const delivery = await prisma.delivery.findUnique({
      where: { id },
      select: { objectKey: true, destination: { select: { name: true } } },
    });
    if (!delivery || !(await replayStoredDeadLetter(prisma, id))) {
      return { ok: false, formError: "That dead letter was already replayed or no longer exists." };
    }
    await recordAudit(prisma, {
      actor: user,
      action: "delivery.replay",
      target: `destination "${delivery.destination.name}"`,
      after: { replayed: delivery.objectKey },
    });
    return { ok: true, data: { id } };
  });

/** Sends every dead letter of a destination again. */
export const replayAllDeadLetters = actionFor("admin")
  .input(z.uuid(), "Invalid destination id.")
  .action(async ({ input: id, user, prisma }) => {
    const destination = await prisma.destination.findUnique({ where: { id }, select: { name: true } });
    if (!destination) return { ok: false, formError: "That destination no longer exists." };
    const replayed = await replayDeadLetters(prisma, id);
    if (replayed > 0) {
      await recordAudit(prisma, { actor: user, action: "delivery.replay-all", target: `destination "${destination.name}"`, after: { replayed } });
    }
    return { ok: true, data: { replayed } };
  });

/** Writes a synthetic trace through the queue to this destination only and waits up to ~10 s for it. */
export const sendTestTrace = actionFor("admin")
  // Each one makes this server write to an address the user chose, like a connection test.
  .limit(({ user }) => [actionLimits().connectionTest.take(user.id)])
  .input(z.uuid(), "Invalid destination id.")
  .action(async ({ input: id, user, prisma }) => {
    const result = await sendStoredTestTrace(prisma, id);
    await recordAudit(prisma, { actor: user, action: "delivery.send-test-trace", target: `destination ${id}`, after: { outcome: result.outcome } });
    return { ok: true, data: result };
  });
