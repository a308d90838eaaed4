import { handleIngest } from "@/lib/ingest/handle-ingest";
import { ingestDeps } from "@/lib/ingest/ingest-service";
import { serveIngest } from "@/lib/ingest/serve-ingest";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return serveIngest("/api/v1/traces", request, (req) => handleIngest(req, ingestDeps()));
}
