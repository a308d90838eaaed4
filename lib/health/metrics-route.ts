import "server-only";
import { getDatabase } from "@/lib/platform/db/client";
import { getMetrics } from "@/lib/platform/metrics/registry";
import { serveMetrics } from "@/lib/platform/metrics/serve-metrics";
import { readOpsEnv } from "@/lib/platform/runtime/ops-env";
import { refreshDeliveryGauges } from "@/lib/delivery/delivery-gauges";

/** GET /metrics with this process's counters and the queue's gauges. */
export async function serveMetricsRequest(request: Request): Promise<Response> {
  return serveMetrics(request, {
    token: readOpsEnv().metricsToken,
    refresh: async () => {
      const database = await getDatabase().catch(() => null);
      if (database) await refreshDeliveryGauges(database.prisma);
      else getMetrics().databaseUp.set(0);
    },
  });
}
