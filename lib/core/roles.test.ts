import { describe, expect, it } from "vitest";
import { canEdit, canManageUsers, hasRole } from "./roles";

describe("roles", () => {
  it("orders owner ⊃ admin ⊃ viewer and gives unknown roles nothing", () => {
    expect([canEdit("owner"), canEdit("admin"), canEdit("viewer"), canEdit("root"), canEdit(undefined)]).toEqual([true, true, false, false, false]);
    expect([canManageUsers("owner"), canManageUsers("admin")]).toEqual([true, false]);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });
});
