import { SECRET_FIELDS, type SecretField } from "@/lib/destinations/destination-fields";

// Where each secret field lives in the destinations table. No "server-only" marker: the store and
// `npm run rotate-keys` (tsx, outside Next.js) both use it.

export { SECRET_FIELDS, type SecretField };

/** Bound into each box as additional authenticated data, so a ciphertext copied to another row or field fails. */
export const secretAad = (id: string, field: SecretField) => `destination:${id}:${field}`;
/** The AES-256-GCM box of the secret. */
export const encColumn = (field: SecretField) => `${field}Enc` as const;
/** maskSecret of the secret, written with it so reads never decrypt. */
export const maskColumn = (field: SecretField) => `${field}Mask` as const;
