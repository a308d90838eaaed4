import { handleDestinationQueries } from "@/lib/destinations/handle-destinations-api";
import { destinationsApiDeps } from "@/lib/destinations/destinations-api-service";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleDestinationQueries(request, (await params).id, await destinationsApiDeps());
}
