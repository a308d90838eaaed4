export declare const MISSING_ENCRYPTION_KEY_MESSAGE: string;
export declare function isEncryptionKeyMissing(env: {
  BROADCAST_ENCRYPTION_KEY?: string;
  NODE_ENV?: string;
  BROADCAST_ALLOW_GENERATED_KEY?: string;
}): boolean;
