"use server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { ROLES } from "@/lib/core/roles";
import { actionFor } from "@/lib/platform/actions/action-for";
import { createUserSchema } from "@/lib/users/user-schema";
import {
  createUserWithPassword,
  findUser,
  listUsers,
  removeUser as removeStoredUser,
  setUserRole as storeUserRole,
  UserStoreError,
} from "@/lib/users/user-store";

// Users are the owner's business only: an admin who could create users could create an owner.

const userIdSchema = z.string().min(1).max(64);

export const loadUsers = actionFor("owner").run(async ({ prisma }) => listUsers(prisma));

export const createUser = actionFor("owner")
  .input(createUserSchema)
  .refusing(UserStoreError)
  .action(async ({ input, user: actor, prisma }) => {
    const user = await createUserWithPassword(prisma, input);
    await recordAudit(prisma, { actor, action: "user.create", target: `user ${user.email}`, after: { email: user.email, name: user.name, role: user.role } });
    return { ok: true, data: user };
  });

export const setUserRole = actionFor("owner")
  .inputs(z.tuple([userIdSchema, z.enum(ROLES)]), "Invalid user or role.")
  .refusing(UserStoreError)
  .action(async ({ input: [id, role], user: actor, prisma }) => {
    const before = await findUser(prisma, id);
    const user = await storeUserRole(prisma, id, role);
    await recordAudit(prisma, { actor, action: "user.role", target: `user ${user.email}`, before: { role: before?.role }, after: { role: user.role } });
    return { ok: true, data: user };
  });

export const removeUser = actionFor("owner")
  .input(userIdSchema, "Invalid user id.")
  .refusing(UserStoreError)
  .action(async ({ input: id, user: actor, prisma }) => {
    if (id === actor.id) return { ok: false, formError: "You cannot remove yourself." };
    const user = await removeStoredUser(prisma, id);
    await recordAudit(prisma, { actor, action: "user.remove", target: `user ${user.email}`, before: { email: user.email, name: user.name, role: user.role } });
    return { ok: true, data: { id: user.id } };
  });
