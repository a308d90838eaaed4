const BULLETS = "••••";
// Below this length the last four characters would be a large share of the secret.
const MIN_LENGTH_TO_REVEAL = 12;
const REVEALED = 4;

/**
 * Display form of a stored secret: enough to recognise which key is configured, never
 * enough to reconstruct it. Returns null when there is no secret to show.
 */
export function maskSecret(value: string | null | undefined): string | null {
  if (!value) return null;
  // Count code points so a multi-unit character is never cut in half.
  const chars = Array.from(value);
  if (chars.length < MIN_LENGTH_TO_REVEAL) return BULLETS;
  return BULLETS + chars.slice(-REVEALED).join("");
}
