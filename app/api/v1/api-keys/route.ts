import { handleListApiKeys } from "@/lib/destinations/handle-destinations-api";
import { destinationsApiDeps } from "@/lib/destinations/destinations-api-service";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleListApiKeys(request, await destinationsApiDeps());
}
