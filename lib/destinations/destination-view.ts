import type { DestinationSettings, PublicField } from "@/lib/destinations/destination-fields";

/**
 * What the browser may know about a destination: its public settings and a mask of each secret,
 * never a secret. Shared by the server data layer and the client components (types only).
 */
export type DestinationView = { id: string } & Pick<DestinationSettings, PublicField> & {
  secretAccessKeyMask: string;
  sessionTokenMask: string | null;
  lastTestedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const MAX_DESTINATIONS = 5;
