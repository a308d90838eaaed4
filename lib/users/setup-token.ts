import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { runtimeSlot } from "@/lib/platform/runtime/container";

// Until an owner exists, creating one needs this token, printed once in the start-up log as a
// ready-to-open link (as Jupyter does): whoever can read the server's log may claim the install,
// anyone who merely reaches its port may not. Random per process and kept in memory only: a restart
// prints a new link, and once an owner exists the token opens nothing.

const token = runtimeSlot("setup-token", () => randomBytes(24).toString("base64url"));

export function setupToken(): string {
  return token.get();
}

/** Constant-time comparison (of digests, so lengths may differ). */
export function isSetupToken(candidate: unknown): boolean {
  if (typeof candidate !== "string" || candidate.length === 0) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(candidate), digest(setupToken()));
}

/** The link the start-up log prints: BROADCAST_PUBLIC_URL when set, else this machine on PORT. */
export function setupLink(publicUrl: string | undefined, port: string | undefined): string {
  const base = publicUrl ?? `http://localhost:${port || "3000"}`;
  const url = new URL("/setup", base);
  url.searchParams.set("token", setupToken());
  return url.toString();
}
