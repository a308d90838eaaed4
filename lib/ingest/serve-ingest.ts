import "server-only";
import { randomUUID } from "node:crypto";
import { getLogger } from "@/lib/platform/logging/logger";
import { getMetrics } from "@/lib/platform/metrics/registry";
import { isShuttingDown, trackInFlight } from "@/lib/platform/runtime/shutdown";
import { problemReply, toResponse, type IngestReply } from "./handle-ingest";

// What every ingest endpoint (/api/v1/traces, OTLP) shares around its handler: a request id, the
// request counter, the shutdown gate, and the rule that a failure we did not foresee (the database
// gone mid-request) answers 503 with Retry-After, never a 500: the client keeps the traces and sends
// them again, and nothing was acknowledged that is not stored.

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const RETRY_AFTER_SECONDS = "5";

export type IngestContext = { requestId: string };

/** How one kind of answer is made and read: web Responses (route handlers) or IngestReply (node:http). */
export type AnswerKind<A> = {
  refuse(status: number, code: string, message: string, headers: Record<string, string>): A;
  statusOf(answer: A): number;
  withRequestId(answer: A, requestId: string): A;
};

const RESPONSES: AnswerKind<Response> = {
  refuse: (status, code, message, headers) => toResponse(problemReply(status, code, message, { headers })),
  statusOf: (response) => response.status,
  withRequestId: (response, requestId) => {
    response.headers.set("X-Request-Id", requestId);
    return response;
  },
};

export const REPLIES: AnswerKind<IngestReply> = {
  refuse: (status, code, message, headers) => problemReply(status, code, message, { headers }),
  statusOf: (reply) => reply.status,
  withRequestId: (reply, requestId) => ({ ...reply, headers: { ...reply.headers, "X-Request-Id": requestId } }),
};

export function serveIngest(
  endpoint: string,
  request: Request,
  handle: (request: Request, ctx: IngestContext) => Promise<Response>,
): Promise<Response> {
  return guardIngest(endpoint, request.headers.get("x-request-id"), RESPONSES, (ctx) => handle(request, ctx));
}

/** The rules above, for any kind of answer (the production server's node:http path uses REPLIES). */
export async function guardIngest<A>(
  endpoint: string,
  givenRequestId: string | null,
  kind: AnswerKind<A>,
  handle: (ctx: IngestContext) => Promise<A>,
): Promise<A> {
  const started = Date.now();
  const requestId = givenRequestId && REQUEST_ID.test(givenRequestId) ? givenRequestId : randomUUID();
  const log = getLogger().child({ module: "ingest", requestId, endpoint });
  let answer: A;
  if (isShuttingDown()) {
    answer = kind.refuse(503, "shutting_down", "This Broadcast instance is shutting down; nothing was stored. Retry shortly.", { "Retry-After": RETRY_AFTER_SECONDS });
  } else {
    try {
      answer = await trackInFlight(handle({ requestId }));
    } catch (error) {
      log.error({ err: error }, "ingest failed; answered 503, nothing was acknowledged");
      answer = kind.refuse(503, "temporarily_unavailable", "Broadcast could not store the traces right now (its database is unavailable); nothing was stored. Retry shortly.", {
        "Retry-After": RETRY_AFTER_SECONDS,
      });
    }
  }
  answer = kind.withRequestId(answer, requestId);
  const status = kind.statusOf(answer);
  getMetrics().ingestRequests.inc({ endpoint, status: String(status) });
  const line = { status, durationMs: Date.now() - started };
  if (status >= 500) log.warn(line, "ingest request refused");
  else log.debug(line, "ingest request");
  return answer;
}
