import { handleTestDestination } from "@/lib/destinations/handle-destinations-api";
import { destinationsApiDeps } from "@/lib/destinations/destinations-api-service";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleTestDestination(request, (await params).id, await destinationsApiDeps());
}
