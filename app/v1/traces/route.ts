import { handleOtlpTraces } from "@/lib/ingest/otlp/handle-otlp-traces";
import { otlpDeps } from "@/lib/ingest/otlp/otlp-service";

// OTLP/HTTP traces: the path exporters append to OTEL_EXPORTER_OTLP_ENDPOINT.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleOtlpTraces(request, otlpDeps());
}
