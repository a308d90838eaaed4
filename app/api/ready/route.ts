import { serveReadiness } from "@/lib/health/health-routes";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return serveReadiness();
}
