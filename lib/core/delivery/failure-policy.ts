import { classifyS3Error } from "@/lib/core/classify-s3-error";

// What a failed attempt means for the delivery and its destination. Pure, given the error.

export type FailureDecision =
  /** Hand the row back untouched: nobody could have written it (shutdown, deleted destination). */
  | { action: "release" }
  /** Only the user can fix this: stop the destination; the row goes back without spending an attempt. */
  | { action: "pause"; code: string; message: string }
  /** Maybe better next time: retry per the retry policy (or dead-letter past the horizon). */
  | { action: "retry"; code: string; message: string };

/** The destination row is gone (deleted meanwhile; its deliveries go with it). */
export class DestinationGoneError extends Error {
  constructor() {
    super("The destination was deleted.");
    this.name = "DestinationGoneError";
  }
}

/** The stored secret cannot be decrypted: the encryption key changed without the old one kept. */
export class CredentialsUnreadableError extends Error {
  constructor(cause: unknown) {
    super("The stored credentials could not be decrypted with the configured encryption keys.", { cause });
    this.name = "CredentialsUnreadableError";
  }
}

export function decideFailure(
  error: unknown,
  ctx: { stoppedByUs: boolean; attemptTimeoutMs: number; sentWriteOptions?: boolean },
): FailureDecision {
  if (ctx.stoppedByUs || error instanceof DestinationGoneError) return { action: "release" };
  if (error instanceof CredentialsUnreadableError) {
    return { action: "pause", code: "credentials-unreadable", message: error.message };
  }
  const failure = classifyS3Error(error, { timeoutMs: ctx.attemptTimeoutMs, sentWriteOptions: ctx.sentWriteOptions });
  // AccessDenied, NoSuchBucket, bad or expired keys, wrong region, TLS, blocked endpoint: retrying
  // cannot help. "unknown" is retried instead: it may concern this one object (too large, a proxy's
  // odd answer), and stopping the whole destination for it would be out of proportion.
  if (!failure.retryable && failure.code !== "unknown") {
    return { action: "pause", code: failure.code, message: failure.message };
  }
  return { action: "retry", code: failure.code, message: failure.message };
}
