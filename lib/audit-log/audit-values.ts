import { SECRET_FIELDS } from "@/lib/destinations/destination-schema";

// What an audit entry may hold. Secrets never reach the log in any form: not the plaintext, not the
// ciphertext, not a mask. Secret fields that changed are listed by name under `secretsChanged`, so
// the history still shows that a key was replaced.

const REDACTED_FIELDS = new Set<string>([
  ...SECRET_FIELDS,
  "secretAccessKeyEnc",
  "sessionTokenEnc",
  "secretAccessKeyMask",
  "sessionTokenMask",
  "password",
  "key",
  "keyHash",
]);

export type AuditValue = Record<string, unknown> | null;

export function redactAuditValue(value: Record<string, unknown> | null | undefined): AuditValue {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(value)) {
    if (REDACTED_FIELDS.has(field) || v === undefined) continue;
    out[field] = v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v;
  }
  return out;
}

/** Keeps only the fields that differ, plus the names of the secret fields that were replaced. */
export function diffAuditValues(
  before: AuditValue,
  after: AuditValue,
  changedSecrets: string[] = [],
): { before: AuditValue; after: AuditValue } {
  if (!before || !after) {
    return { before, after: after && (changedSecrets.length ? { ...after, secretsChanged: changedSecrets } : after) };
  }
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      b[field] = before[field];
      a[field] = after[field];
    }
  }
  if (changedSecrets.length) a.secretsChanged = changedSecrets;
  return { before: b, after: a };
}
