"use client";
import { createContext, useContext } from "react";
import { canEdit, canManageUsers, type Role } from "@/lib/core/roles";

// Who is signed in, for the UI only: controls a role cannot use are disabled here, and the server
// refuses them on its own (lib/platform/auth/session.ts).

export type SessionInfo = { email: string; name: string; role: Role };

const SessionContext = createContext<SessionInfo | null>(null);

export function SessionProvider({ session, children }: { session: SessionInfo; children: React.ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSessionInfo(): SessionInfo | null {
  return useContext(SessionContext);
}

/** False for viewers (and outside a signed-in layout): settings, destinations and keys are read-only. */
export function useCanEdit(): boolean {
  return canEdit(useContext(SessionContext)?.role);
}

export function useCanManageUsers(): boolean {
  return canManageUsers(useContext(SessionContext)?.role);
}
