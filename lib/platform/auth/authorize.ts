import { hasRole, type Role } from "@/lib/core/roles";

// Who may run a server action, decided in one place (the action wrapper calls it). No I/O, so the
// wrapper's tests can hand it a stub session.

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * No session, or an expired or forged cookie. Its digest is Next.js's own redirect digest
 * (next/dist/client/components/redirect-error.js), so a server action throwing it answers as a
 * redirect to the sign-in page, as an expired session should, instead of an opaque 500.
 */
export class NotSignedInError extends Error {
  readonly digest = "NEXT_REDIRECT;replace;/sign-in;303;";
  constructor() {
    super("You are not signed in. Sign in and try again.");
    this.name = "NotSignedInError";
  }
}

export class ForbiddenError extends Error {
  constructor(required: Role) {
    super(`Your role does not allow this: it needs ${required === "owner" ? "the owner" : "an owner or admin"} role.`);
    this.name = "ForbiddenError";
  }
}

/** The signed-in user when their role is at least `required`; throws otherwise (no session, or too low). */
export function authorize(user: SessionUser | null, required: Role): SessionUser {
  if (!user) throw new NotSignedInError();
  if (!hasRole(user.role, required)) throw new ForbiddenError(required);
  return user;
}
