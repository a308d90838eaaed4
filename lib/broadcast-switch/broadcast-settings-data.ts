import type { DestinationView } from "@/lib/destinations/destination-view";

/** The Broadcast settings page's read model: the account-wide switch and every destination (masks only). */
export type BroadcastSettingsData = { broadcastEnabled: boolean; destinations: DestinationView[] };
