"use client";
import { createContext, useContext } from "react";
import { canEdit, canManageUsers, type Role } from "@/lib/core/roles";

// Who is signed in, for the UI only: controls a role cannot use are disabled here, and the server
// refuses them on its own (lib/platform/auth/session.ts).

export type SessionInfo = { email: string; name: string; role: Role };

const SessionContext = createContext<SessionInfo | null>(null);

/** Said by every control a viewer cannot use, on hover (title) and to screen readers (described by). */
export const VIEWER_LOCK_MESSAGE = "Viewers can't change settings. Ask an owner or admin for the admin role.";
const VIEWER_LOCK_ID = "viewer-lock-reason";

export function SessionProvider({ session, children }: { session: SessionInfo; children: React.ReactNode }) {
  return (
    <SessionContext.Provider value={session}>
      {!canEdit(session.role) && (
        <p id={VIEWER_LOCK_ID} hidden>
          {VIEWER_LOCK_MESSAGE}
        </p>
      )}
      {children}
    </SessionContext.Provider>
  );
}

export function useSessionInfo(): SessionInfo | null {
  return useContext(SessionContext);
}

/** False for viewers (and outside a signed-in layout): settings, destinations and keys are read-only. */
export function useCanEdit(): boolean {
  return canEdit(useContext(SessionContext)?.role);
}

/**
 * Props for a control a viewer cannot use: why it is disabled, on hover and for screen readers.
 * Empty for people who can edit, so spreading it changes nothing for them.
 */
export function useViewerLock(): { title?: string; "aria-describedby"?: string } {
  return useCanEdit() ? {} : { title: VIEWER_LOCK_MESSAGE, "aria-describedby": VIEWER_LOCK_ID };
}

export function useCanManageUsers(): boolean {
  return canManageUsers(useContext(SessionContext)?.role);
}
