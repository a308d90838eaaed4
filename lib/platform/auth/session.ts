import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/platform/db/client";
import { getAuth } from "./auth";
import { hasRole, isRole, type Role } from "@/lib/core/roles";
import type { SessionUser } from "./authorize";
import { countUsers } from "@/lib/users/user-store";
import { isHttpsDeployment } from "@/lib/platform/http/security-headers";

// The security boundary: every page calls requirePageSession() itself, and every server action goes
// through actionFor() (lib/platform/actions), which reads the session here. proxy.ts only
// redirects early for convenience; a request that skips it still meets these checks.

export { ForbiddenError, NotSignedInError, type SessionUser } from "./authorize";

export async function requestAuth() {
  const requestHeaders = await headers();
  // Secure cookies follow how the operator says people reach us (BROADCAST_PUBLIC_URL), never a
  // request header a client can set (X-Forwarded-Proto).
  return { auth: await getAuth({ secure: isHttpsDeployment() }), requestHeaders };
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const { auth, requestHeaders } = await requestAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  const user = session?.user;
  // A row with an unknown role gets no access at all rather than a guessed one.
  if (!user || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: signed out → /sign-in (or /setup on a fresh install); too low a role → home. */
export async function requirePageSession(required: Role = "viewer"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect((await countUsers(await db())) === 0 ? "/setup" : "/sign-in");
  if (!hasRole(user.role, required)) redirect("/settings/observability");
  return user;
}
