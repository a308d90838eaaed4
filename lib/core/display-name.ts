// One rule for names people read in lists (API keys, destinations): no control characters (tabs
// and line breaks make a list unreadable) and no bidirectional controls or invisible formatting
// characters, which can make "evil-key" display as something else (U+202E RIGHT-TO-LEFT OVERRIDE).

// C0/C1 controls; bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069); the
// implicit marks (U+200E, U+200F, U+061C); zero-width characters and the BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]/;

/** The problem with `name`, or null when it may be shown as is. */
export function displayNameProblem(name: string): string | null {
  if (CONTROL.test(name)) return "Name cannot contain control characters.";
  if (INVISIBLE.test(name)) return "Name cannot contain invisible or text-direction characters (such as U+202E).";
  return null;
}
