import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { hashPassword } from "../platform/auth/password";
import type { Role } from "../core/roles";

// Accounts are created here, not through better-auth's sign-up (which is disabled): the rows are
// exactly better-auth's (a user plus a "credential" account holding the password hash).

export type UserView = { id: string; email: string; name: string; role: Role; createdAt: string };

export class UserStoreError extends Error {
  constructor(
    message: string,
    readonly field?: "email",
  ) {
    super(message);
    this.name = "UserStoreError";
  }
}

const newId = () => randomBytes(16).toString("base64url");
const SETUP_LOCK_KEY = 727_002; // serialises concurrent "create the first owner" requests

export function countUsers(prisma: PrismaClient): Promise<number> {
  return prisma.user.count();
}

export async function createUserWithPassword(
  prisma: PrismaClient,
  input: { email: string; name: string; password: string; role: Role },
  options: { onlyIfNoUsers?: boolean } = {},
): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      if (options.onlyIfNoUsers) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
        if ((await tx.user.count()) > 0) throw new UserStoreError("An owner account already exists. Sign in instead.");
      }
      const id = newId();
      const created = await tx.user.create({ data: { id, email: input.email, name: input.name, role: input.role, emailVerified: false } });
      await tx.account.create({ data: { id: newId(), accountId: id, providerId: "credential", userId: id, password: passwordHash } });
      return created;
    });
    return toView(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserStoreError("A user with this email already exists.", "email");
    }
    throw error;
  }
}

export async function listUsers(prisma: PrismaClient): Promise<UserView[]> {
  return (await prisma.user.findMany({ orderBy: { createdAt: "asc" } })).map(toView);
}

export async function findUser(prisma: PrismaClient, id: string): Promise<UserView | null> {
  const row = await prisma.user.findUnique({ where: { id } });
  return row ? toView(row) : null;
}

/** Changes a role, refusing to leave the install without an owner. */
export async function setUserRole(prisma: PrismaClient, id: string, role: Role): Promise<UserView> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new UserStoreError("That user no longer exists.");
    if (user.role === "owner" && role !== "owner" && (await tx.user.count({ where: { role: "owner" } })) <= 1) {
      throw new UserStoreError("This is the only owner. Make someone else owner first.");
    }
    return toView(await tx.user.update({ where: { id }, data: { role } }));
  });
}

/** Removes a user and their sessions (cascade); never the last owner. */
export async function removeUser(prisma: PrismaClient, id: string): Promise<UserView> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new UserStoreError("That user no longer exists.");
    if (user.role === "owner" && (await tx.user.count({ where: { role: "owner" } })) <= 1) {
      throw new UserStoreError("This is the only owner and cannot be removed.");
    }
    await tx.user.delete({ where: { id } });
    return toView(user);
  });
}

function toView(row: { id: string; email: string; name: string; role: string; createdAt: Date }): UserView {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, createdAt: row.createdAt.toISOString() };
}
