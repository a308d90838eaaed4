import { handleIngest } from "@/lib/ingest/handle-ingest";
import { ingestDeps } from "@/lib/ingest/ingest-service";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleIngest(request, ingestDeps());
}
