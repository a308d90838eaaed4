import { serveMetricsRequest } from "@/lib/health/metrics-route";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return serveMetricsRequest(request);
}
