import "server-only";
import { hkdfSync } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/platform/db/client";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { hashPassword, verifyPassword } from "./password";

// better-auth owns sessions, cookies and credential checks; we own who may create accounts (public
// sign-up is off: the first owner comes from /setup or the environment, the rest from the Users
// page) and roles. No better-auth HTTP handler is mounted: every call goes through our server
// actions, which is where rate limits, roles and the audit log live.

export const SESSION_DAYS = 7;

function createAuth(prisma: PrismaClient, secret: string, secure: boolean) {
  return betterAuth({
    appName: "Broadcast",
    secret,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: { additionalFields: { role: { type: "string", required: false, defaultValue: "viewer", input: false } } },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // Secure (and the __Secure- name prefix) whenever the request came over https; HttpOnly and
    // SameSite=Lax always (better-auth's defaults, pinned here because they are part of our model).
    advanced: { useSecureCookies: secure, defaultCookieAttributes: { httpOnly: true, sameSite: "lax" } },
    telemetry: { enabled: false },
    // Its warnings are about the HTTP handler and base URL, which we do not mount or need.
    logger: { level: "error" },
    // nextCookies must be last: it copies better-auth's Set-Cookie headers into Next's cookie store.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Signs session cookies. Derived from the encryption key so an install has one secret to manage; a
 * key rotation therefore signs everyone out once, which is the safe direction.
 */
export function authSecretFrom(key: Buffer): string {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "broadcast/auth-cookie-secret/v1", 32)).toString("hex");
}

// Created lazily because our Prisma client is only available after `await db()` (the database is
// opened and migrated asynchronously); one instance per cookie flavour, shared across module graphs.
const authInstances = runtimeSlot("auth", () => new Map<string, Promise<Auth>>());

export function getAuth(options: { secure: boolean }): Promise<Auth> {
  const cache = authInstances.get();
  const key = options.secure ? "secure" : "plain";
  let auth = cache.get(key);
  if (!auth) {
    auth = db().then((prisma) => createAuth(prisma, authSecretFrom(getServerConfig().keyring.current.key), options.secure));
    auth.catch(() => cache.delete(key));
    cache.set(key, auth);
  }
  return auth;
}
