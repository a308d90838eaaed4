import { buildOpenApiDocument } from "@/lib/ingest/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument());
}
