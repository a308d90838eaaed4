import { connectionFingerprint } from "@/lib/destinations/destination-schema";

export const RETEST_HINT = "Test the connection again to save";
export const FIRST_TEST_HINT = "Run Test Connection first: Save unlocks when the test passes.";

/** The form values a connection test depends on (any subset; missing fields count as empty). */
export type ConnectionValues = Parameters<typeof connectionFingerprint>[0];

/**
 * True when `fingerprint` was taken from exactly these connection values. Save is offered only for
 * values a connection test has just passed; the server re-tests anyway, this gate keeps the user
 * from saving values they never tried.
 */
export function isSameConnection(fingerprint: string | null, values: ConnectionValues): boolean {
  return fingerprint !== null && fingerprint === connectionFingerprint(values);
}

/** Why Save is disabled, or null when it is enabled. */
export function saveBlockedReason(lastPassingFingerprint: string | null, currentValues: ConnectionValues): string | null {
  if (lastPassingFingerprint === null) return FIRST_TEST_HINT;
  return isSameConnection(lastPassingFingerprint, currentValues) ? null : RETEST_HINT;
}
