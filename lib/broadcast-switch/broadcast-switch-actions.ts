"use server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { isBroadcastEnabled, setBroadcastEnabled as storeBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";
import type { BroadcastSettingsData } from "@/lib/broadcast-switch/broadcast-settings-data";
import { listDestinations } from "@/lib/destinations/destination-store";
import { actionFor } from "@/lib/platform/actions/action-for";
import { getServerConfig } from "@/lib/platform/runtime/server-config";

// The account-wide switch. The page reads it together with the destinations in one load, because the
// browser caches both as one query and updates them optimistically together (settings-query.ts).

export const loadBroadcastSettings = actionFor("viewer").run(async ({ prisma }): Promise<BroadcastSettingsData> => {
  const { keyring } = getServerConfig();
  const [broadcastEnabled, destinations] = await Promise.all([isBroadcastEnabled(prisma), listDestinations(prisma, keyring)]);
  return { broadcastEnabled, destinations };
});

export const setBroadcastEnabled = actionFor("admin")
  .input(z.boolean(), "Expected true or false.")
  .action(async ({ input: enabled, user, prisma }) => {
    const before = await isBroadcastEnabled(prisma);
    const broadcastEnabled = await storeBroadcastEnabled(prisma, enabled);
    await recordAudit(prisma, { actor: user, action: "settings.broadcast", target: "Broadcast switch", before: { broadcastEnabled: before }, after: { broadcastEnabled } });
    return { ok: true, data: { broadcastEnabled } };
  });
