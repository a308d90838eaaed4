// The one rule for "this process must be given BROADCAST_ENCRYPTION_KEY", shared by the server's env
// schema (lib/platform/env/env-schema.ts) and `npm start` (scripts/start.mjs, plain Node, which
// checks before spending a build on a server that would refuse to start). Plain ESM so both can load it.

export const MISSING_ENCRYPTION_KEY_MESSAGE =
  "BROADCAST_ENCRYPTION_KEY is not set. With NODE_ENV=production Broadcast will not generate one for you: " +
  "set it to 32 random bytes (for example `openssl rand -base64 32`) and keep it safe; " +
  "without it, stored S3 secrets cannot be decrypted.";

/**
 * Production must be given a key explicitly: a key that silently appears on disk would be lost with the
 * container. `npm start` outside production sets BROADCAST_ALLOW_GENERATED_KEY=1 because `next start`
 * forces NODE_ENV=production inside the server.
 * @param {Record<string, string | undefined>} env
 * @returns {boolean}
 */
export function isEncryptionKeyMissing(env) {
  return !env.BROADCAST_ENCRYPTION_KEY?.trim() && env.NODE_ENV === "production" && env.BROADCAST_ALLOW_GENERATED_KEY !== "1";
}
