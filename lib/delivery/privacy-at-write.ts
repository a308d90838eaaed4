import "server-only";
import { isPrivateAtWrite } from "@/lib/core/trace/privacy";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

/**
 * Privacy Mode for one write, read just before it: a claimed row can wait in a worker's queue (or
 * sit behind a paused destination) while Privacy Mode is switched on, so the flag seen at claim
 * time is not enough. A row already private skips the lookup.
 */
export async function decidePrivacyAtWrite(
  prisma: PrismaClient,
  delivery: { destinationId: string; privacyMode: boolean },
): Promise<boolean> {
  if (delivery.privacyMode) return true;
  const destination = await prisma.destination.findUnique({ where: { id: delivery.destinationId }, select: { privacyMode: true } });
  // A destination gone meanwhile gets nothing anyway; if it were written, it would be without content.
  return isPrivateAtWrite({ privacyMode: delivery.privacyMode, destinationPrivacyMode: destination?.privacyMode ?? true });
}
