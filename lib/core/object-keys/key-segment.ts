// Turns user-supplied names (API key names, trace ids) into one S3 key segment that is safe in every
// tool our users point at the bucket: Athena partitions, the AWS console, `aws s3 sync`, shell globs.
// Only [A-Za-z0-9._-] survive. When anything had to be changed or cut, a short hash of the original is
// appended, so two different inputs rarely collapse onto the same segment (e.g. "日本" vs "中文"). The
// hash is 32-bit FNV, short for readable folder names, so a collision can be built on purpose (an id
// "a-b-3a8e75c1" looks exactly like the safe form of "a/b"): uniqueness of trace files never rests on
// it, but on the file name's suffix (object-key.ts).

/** Hex digits of SHA-256 in a trace file name's suffix: 128 bits, collision-resistant. */
export const FILE_NAME_SUFFIX_HEX = 32;

const SAFE = /[A-Za-z0-9._-]/;

/** FNV-1a 32-bit: tiny, synchronous, identical in the browser and on the server. */
export function fnv1aHex(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

export function safeKeySegment(value: string, maxLength = 64): string {
  // NFKD splits "é" into "e" + combining accent, so accented Latin keeps its letters.
  const folded = value.normalize("NFKD");
  let out = "";
  let lastWasDash = false;
  for (const ch of folded) {
    if (SAFE.test(ch)) {
      out += ch;
      lastWasDash = ch === "-";
    } else if (/\p{M}/u.test(ch)) {
      continue; // combining marks left over from NFKD
    } else if (!lastWasDash) {
      out += "-";
      lastWasDash = true;
    }
  }
  // Leading/trailing dots and dashes read badly and "." / ".." are path tricks.
  out = out.replace(/^[.-]+/, "").replace(/[.-]+$/, "").replace(/\.{2,}/g, ".");

  const hashSuffixLength = 9; // "-" + 8 hex
  const altered = out === "" || out !== value || out.length > maxLength;
  if (!altered) return out;
  const room = Math.max(0, maxLength - hashSuffixLength);
  const head = out.slice(0, room).replace(/[.-]+$/, "");
  return head ? `${head}-${fnv1aHex(value)}` : `key-${fnv1aHex(value)}`;
}
