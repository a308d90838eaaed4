import "server-only";
import { getDatabase } from "@/lib/db/client";
import { getServerConfig } from "./server-config";

export async function bootServer(): Promise<void> {
  try {
    const config = getServerConfig();
    const database = await getDatabase();
    console.log(
      `[broadcast] database: ${database.description}; encryption key: ${config.keySource === "env" ? "from BROADCAST_ENCRYPTION_KEY" : "generated in the data directory"}`,
    );
  } catch (error) {
    // One message and a clean exit: a supervisor restarting us would only print the same thing again.
    console.error(`[broadcast] cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
