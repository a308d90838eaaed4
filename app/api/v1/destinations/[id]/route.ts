import { handleDeleteDestination, handleGetDestination, handleUpdateDestination } from "@/lib/destinations/handle-destinations-api";
import { destinationsApiDeps } from "@/lib/destinations/destinations-api-service";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return handleGetDestination(request, (await params).id, await destinationsApiDeps());
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return handleUpdateDestination(request, (await params).id, await destinationsApiDeps());
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return handleDeleteDestination(request, (await params).id, await destinationsApiDeps());
}
