"use server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { ROLES } from "@/lib/core/roles";
import { requireRole } from "@/lib/platform/auth/session";
import { createUserSchema } from "@/lib/users/user-schema";
import {
  createUserWithPassword,
  findUser,
  listUsers,
  removeUser as removeStoredUser,
  setUserRole as storeUserRole,
  UserStoreError,
  type UserView,
} from "@/lib/users/user-store";
import { db } from "@/lib/platform/db/client";
import type { ActionResult } from "@/lib/core/action-result";
import { fieldErrorsOf } from "@/lib/platform/actions/field-errors";

// Users are the owner's business only: an admin who could create users could create an owner.

export async function loadUsers(): Promise<UserView[]> {
  await requireRole("owner");
  return listUsers(await db());
}

export async function createUser(values: unknown): Promise<ActionResult<UserView>> {
  const actor = await requireRole("owner");
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const prisma = await db();
  try {
    const user = await createUserWithPassword(prisma, parsed.data);
    await recordAudit(prisma, { actor, action: "user.create", target: `user ${user.email}`, after: { email: user.email, name: user.name, role: user.role } });
    return { ok: true, data: user };
  } catch (error) {
    if (error instanceof UserStoreError) return error.field ? { ok: false, fieldErrors: { [error.field]: [error.message] } } : { ok: false, formError: error.message };
    throw error;
  }
}

export async function setUserRole(id: unknown, role: unknown): Promise<ActionResult<UserView>> {
  const actor = await requireRole("owner");
  const parsed = z.object({ id: z.string().min(1).max(64), role: z.enum(ROLES) }).safeParse({ id, role });
  if (!parsed.success) return { ok: false, formError: "Invalid user or role." };
  const prisma = await db();
  try {
    const before = await findUser(prisma, parsed.data.id);
    const user = await storeUserRole(prisma, parsed.data.id, parsed.data.role);
    await recordAudit(prisma, { actor, action: "user.role", target: `user ${user.email}`, before: { role: before?.role }, after: { role: user.role } });
    return { ok: true, data: user };
  } catch (error) {
    if (error instanceof UserStoreError) return { ok: false, formError: error.message };
    throw error;
  }
}

export async function removeUser(id: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await requireRole("owner");
  const parsed = z.string().min(1).max(64).safeParse(id);
  if (!parsed.success) return { ok: false, formError: "Invalid user id." };
  if (parsed.data === actor.id) return { ok: false, formError: "You cannot remove yourself." };
  const prisma = await db();
  try {
    const user = await removeStoredUser(prisma, parsed.data);
    await recordAudit(prisma, { actor, action: "user.remove", target: `user ${user.email}`, before: { email: user.email, name: user.name, role: user.role } });
    return { ok: true, data: { id: user.id } };
  } catch (error) {
    if (error instanceof UserStoreError) return { ok: false, formError: error.message };
    throw error;
  }
}
