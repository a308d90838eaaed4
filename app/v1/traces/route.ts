import { handleOtlpTraces } from "@/lib/ingest/otlp/handle-otlp-traces";
import { otlpDeps } from "@/lib/ingest/otlp/otlp-service";
import { serveIngest } from "@/lib/ingest/serve-ingest";

// OTLP/HTTP traces: the path exporters append to OTEL_EXPORTER_OTLP_ENDPOINT.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return serveIngest("/v1/traces", request, (req) => handleOtlpTraces(req, otlpDeps()));
}
