import "server-only";
import { randomUUID } from "node:crypto";
import { getLogger } from "@/lib/platform/logging/logger";
import { getMetrics } from "@/lib/platform/metrics/registry";
import { isShuttingDown, trackInFlight } from "@/lib/platform/runtime/shutdown";
import { problem } from "./handle-ingest";

// What every ingest endpoint (/api/v1/traces, OTLP) shares around its handler: a request id, the
// request counter, the shutdown gate, and the rule that a failure we did not foresee (the database
// gone mid-request) answers 503 with Retry-After, never a 500: the client keeps the traces and sends
// them again, and nothing was acknowledged that is not stored.

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const RETRY_AFTER_SECONDS = "5";

export type IngestContext = { requestId: string };

export async function serveIngest(
  endpoint: string,
  request: Request,
  handle: (request: Request, ctx: IngestContext) => Promise<Response>,
): Promise<Response> {
  const started = Date.now();
  const given = request.headers.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const log = getLogger().child({ module: "ingest", requestId, endpoint });
  let response: Response;
  if (isShuttingDown()) {
    response = problem(503, "shutting_down", "This Broadcast instance is shutting down; nothing was stored. Retry shortly.", {
      headers: { "Retry-After": RETRY_AFTER_SECONDS },
    });
  } else {
    try {
      response = await trackInFlight(handle(request, { requestId }));
    } catch (error) {
      log.error({ err: error }, "ingest failed; answered 503, nothing was acknowledged");
      response = problem(503, "temporarily_unavailable", "Broadcast could not store the traces right now (its database is unavailable); nothing was stored. Retry shortly.", {
        headers: { "Retry-After": RETRY_AFTER_SECONDS },
      });
    }
  }
  response.headers.set("X-Request-Id", requestId);
  getMetrics().ingestRequests.inc({ endpoint, status: String(response.status) });
  const line = { status: response.status, durationMs: Date.now() - started };
  if (response.status >= 500) log.warn(line, "ingest request refused");
  else log.debug(line, "ingest request");
  return response;
}
