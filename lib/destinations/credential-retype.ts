import type { Provider } from "@/lib/destinations/provider-presets";

// A saved destination's stored secret (and session token) may only be used where it was saved for.
// Changing where the destination connects — endpoint, region or provider — needs the secret typed
// again, or Test Connection would sign with the stored secret and send the stored token to whatever
// host the browser names. One rule, used by the form (as you type) and by the server (before any
// connection is made). Pure: runs in the browser too.

/** Where a saved destination connects, and whether it keeps a session token. */
export type StoredConnection = { provider: Provider; region: string; endpoint: string; hasSessionToken: boolean };

type SubmittedConnection = {
  provider: string;
  region?: string;
  endpoint?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  removeSessionToken?: boolean;
};

const MOVES = ["endpoint", "region", "provider"] as const;
type Move = (typeof MOVES)[number];

// The form runs the rule on values other fields may still have wrong: read each one defensively.
const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Which of endpoint, region and provider differ from the saved ones (compared as the schema trims). */
export function movedConnectionFields(stored: StoredConnection, submitted: SubmittedConnection): Move[] {
  return MOVES.filter((field) => trimmed(submitted[field]) !== trimmed(stored[field]));
}

function describeMoves(moves: Move[]): string {
  const names = moves.map((m) => `the ${m}`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `${list} changed`;
}

/**
 * Field errors when the submitted values would send stored credentials to a new place; null when
 * the secrets may be kept (nothing moved, or they were typed again).
 */
export function credentialRetypeErrors(
  stored: StoredConnection,
  submitted: SubmittedConnection,
): Partial<Record<"secretAccessKey" | "sessionToken", string[]>> | null {
  const moves = movedConnectionFields(stored, submitted);
  if (moves.length === 0) return null;
  const why = `${describeMoves(moves)}, and stored credentials are never sent to a new host`;
  const errors: Partial<Record<"secretAccessKey" | "sessionToken", string[]>> = {};
  if (trimmed(submitted.secretAccessKey) === "") errors.secretAccessKey = [`Type the Secret Access Key again: ${why}.`];
  if (stored.hasSessionToken && trimmed(submitted.sessionToken) === "" && !submitted.removeSessionToken) {
    errors.sessionToken = [`Type the Session Token again, or remove it: ${why}.`];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
