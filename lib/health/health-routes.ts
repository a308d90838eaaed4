import "server-only";
import { getDatabase } from "@/lib/platform/db/client";
import { isShuttingDown } from "@/lib/platform/runtime/shutdown";
import { deliveryWorkerState } from "@/lib/delivery/start-in-process";
import { checkReadiness, type ReadinessDeps } from "./readiness";

// GET /api/health and GET /api/ready: public (no session), no secrets, not rate limited, never cached.

const NO_STORE = { "Cache-Control": "no-store" };

/** Liveness: the process answers. Deliberately checks nothing else, so a database outage does not restart it. */
export function serveHealth(): Response {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: NO_STORE });
}

export const readinessDeps: ReadinessDeps = {
  prisma: async () => (await getDatabase()).prisma,
  workerState: deliveryWorkerState,
  shuttingDown: isShuttingDown,
};

/** Readiness: 200 when the database, migrations and workers are fine; 503 naming the failing check. */
export async function serveReadiness(deps: ReadinessDeps = readinessDeps): Promise<Response> {
  const readiness = await checkReadiness(deps);
  return Response.json(
    { status: readiness.ready ? "ready" : "not-ready", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: NO_STORE },
  );
}
