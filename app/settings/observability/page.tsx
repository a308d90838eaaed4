import type { Metadata } from "next";
import { requirePageSession } from "@/lib/platform/auth/session";
import { BroadcastSettings } from "@/components/broadcast-switch/broadcast-settings";
import { loadBroadcastSettings } from "@/lib/broadcast-switch/broadcast-switch-actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Observability" };

export default async function ObservabilityPage() {
  await requirePageSession();
  // The same loader the client's query refetches with, so server and browser agree on the shape.
  return <BroadcastSettings initialData={await loadBroadcastSettings()} />;
}
