// Who may do what. Pure, shared by the server checks and the UI (which only disables controls: the
// server refuses on its own).

export const ROLES = ["owner", "admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `required` (owner ⊃ admin ⊃ viewer). Unknown roles get nothing. */
export function hasRole(role: unknown, required: Role): boolean {
  return isRole(role) && RANK[role] >= RANK[required];
}

/** Settings, destinations and API keys: owners and admins. */
export const canEdit = (role: unknown) => hasRole(role, "admin");
/** Users: owners only, so an admin cannot make themselves (or anyone) owner. */
export const canManageUsers = (role: unknown) => hasRole(role, "owner");
