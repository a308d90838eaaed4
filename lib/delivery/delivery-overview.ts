import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { listDeadLetters, listDestinationHealth, type DeadLetter, type DestinationHealth } from "./delivery-health";
import { loadDeliveryActivity, type ActivityPoint } from "./delivery-activity";

/**
 * What the Broadcast page polls: every destination's health, the dead letters of those that have
 * any, and each destination's writes and failures per minute over the last hour (its chart).
 */
export type DeliveryOverview = {
  destinations: DestinationHealth[];
  deadLetters: Record<string, DeadLetter[]>;
  activity: Record<string, ActivityPoint[]>;
};

/** The newest dead letters listed per destination; Replay all still replays every one of them. */
export const DEAD_LETTERS_SHOWN = 50;

export async function loadDeliveryOverview(prisma: PrismaClient): Promise<DeliveryOverview> {
  const destinations = await listDestinationHealth(prisma);
  const entries = await Promise.all(
    destinations
      .filter((health) => health.counts.failed > 0)
      .map(async (health) => [health.destinationId, await listDeadLetters(prisma, health.destinationId, { limit: DEAD_LETTERS_SHOWN })] as const),
  );
  return { destinations, deadLetters: Object.fromEntries(entries), activity: await loadDeliveryActivity(prisma) };
}
