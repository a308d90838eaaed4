import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// The account-wide Broadcast switch lives in a single row (id 1), created on first write.

export async function isBroadcastEnabled(prisma: PrismaClient): Promise<boolean> {
  const row = await prisma.setting.findUnique({ where: { id: 1 }, select: { broadcastEnabled: true } });
  return row?.broadcastEnabled ?? false;
}

export async function setBroadcastEnabled(prisma: PrismaClient, enabled: boolean): Promise<boolean> {
  const row = await prisma.setting.upsert({
    where: { id: 1 },
    create: { id: 1, broadcastEnabled: enabled },
    update: { broadcastEnabled: enabled },
  });
  return row.broadcastEnabled;
}
