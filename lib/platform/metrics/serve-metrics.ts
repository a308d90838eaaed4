import { timingSafeEqual, createHash } from "node:crypto";
import { getMetrics } from "./registry";

// GET /metrics in the Prometheus text format. With a token configured, scrapes must send
// `Authorization: Bearer <token>`; the comparison is constant-time over hashes (no length leak).

export type ServeMetricsOptions = {
  token: string | null;
  /** Refreshes the gauges read from the database just before the scrape is rendered. */
  refresh?: () => Promise<void>;
};

export async function serveMetrics(request: Request, options: ServeMetricsOptions): Promise<Response> {
  if (options.token && !hasToken(request.headers.get("authorization"), options.token)) {
    return new Response("Unauthorized: send Authorization: Bearer <BROADCAST_METRICS_TOKEN>\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { registry } = getMetrics();
  await options.refresh?.();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}

function hasToken(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1] as string), digest(token));
}
