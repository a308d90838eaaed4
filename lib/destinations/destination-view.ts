import type { Provider } from "@/lib/destinations/provider-presets";

/**
 * What the browser may know about a destination: no secret fields at all, only masks.
 * Shared by the server data layer and the client components (types only).
 */
export type DestinationView = {
  id: string;
  name: string;
  enabled: boolean;
  privacyMode: boolean;
  provider: Provider;
  bucketName: string;
  region: string;
  endpoint: string;
  accessKeyId: string;
  secretAccessKeyMask: string;
  sessionTokenMask: string | null;
  prefix: string;
  pathTemplate: string;
  lastTestedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const MAX_DESTINATIONS = 5;
