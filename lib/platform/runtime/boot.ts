import "server-only";
import { bootstrapOwnerFromEnv } from "@/lib/users/bootstrap-owner";
import { countUsers } from "@/lib/users/user-store";
import { setupLink } from "@/lib/users/setup-token";
import { getEnv } from "@/lib/platform/env/env";
import { getDatabase } from "@/lib/platform/db/client";
import { reencryptDestinationSecrets } from "@/lib/destinations/secret-rotation";
import { getLogger } from "@/lib/platform/logging/logger";
import { getServerConfig } from "./server-config";
import { runtimeSlot } from "./container";
import type { DeliveryStartOptions } from "@/lib/delivery/start-in-process";
import { installServerGuards } from "@/lib/platform/http/server-guards";

// In the runtime container: the production server (lib/platform/server/main.ts) boots before Next.js
// prepares, and Next's instrumentation hook, in its own module graph, then gets the same run.
const booted = runtimeSlot<{ run?: Promise<void> }>("boot", () => ({}));

/** Boots once per process (configuration, database, keys, delivery). */
export function bootServer(delivery: DeliveryStartOptions = {}): Promise<void> {
  const slot = booted.get();
  slot.run ??= boot(delivery);
  return slot.run;
}

async function boot(delivery: DeliveryStartOptions): Promise<void> {
  // Until the logger exists (its own settings may be what is wrong), plain stderr.
  let log = (message: string) => void process.stderr.write(`[broadcast] ${message}\n`);
  try {
    // Header and body timeouts and the socket's address on each request (lib/platform/http/server-guards.ts),
    // for `next dev` / `next start`'s server; the production server applies them to its own directly.
    installServerGuards();
    // First: a bad BROADCAST_LOG_LEVEL or _FORMAT is reported like any other setting.
    const logger = getLogger().child({ module: "boot" });
    log = (message) => {
      logger.fatal(message);
    };
    const config = getServerConfig();
    const database = await getDatabase();
    logger.info(
      { database: database.description, keySource: config.keySource === "env" ? "from BROADCAST_ENCRYPTION_KEY" : "generated in the data directory" },
      "database open and migrated",
    );
    // A wrong or missing key is found now, with one message, rather than at the first delivery. Then
    // anything still under a previous key moves to the current one (the restart half of a rotation).
    const rotation = await reencryptDestinationSecrets(database.prisma, config.keyring);
    if (rotation.reencrypted > 0) {
      logger.info({ reencrypted: rotation.reencrypted, secrets: rotation.secrets }, "re-encrypted stored secrets under the current encryption key");
    }
    const bootstrapped = await bootstrapOwnerFromEnv(database.prisma);
    if (bootstrapped) logger.info(bootstrapped);
    else if ((await countUsers(database.prisma)) === 0) {
      // As Jupyter does: the link is the proof of access to this machine's log, and one click away.
      logger.info(`no owner account yet. Create it here (link valid until then): ${setupLink(getEnv().BROADCAST_PUBLIC_URL, getEnv().PORT)}`);
    }
    // Delivery runs inside the server process, started only once the store and keys are known good.
    await (await import("@/lib/delivery/start-in-process")).ensureDeliveryWorkersStarted(delivery);
  } catch (error) {
    // One message and a clean exit: a supervisor restarting us would only print the same thing again.
    log(`cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
