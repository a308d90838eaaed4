import { handleCreateDestination, handleListDestinations } from "@/lib/destinations/handle-destinations-api";
import { destinationsApiDeps } from "@/lib/destinations/destinations-api-service";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleListDestinations(request, await destinationsApiDeps());
}

export async function POST(request: Request): Promise<Response> {
  return handleCreateDestination(request, await destinationsApiDeps());
}
