import { serveHealth } from "@/lib/health/health-routes";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return serveHealth();
}
