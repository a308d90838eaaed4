"use server";
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { actionFor } from "@/lib/platform/actions/action-for";
import { actionLimits, clientAddress } from "@/lib/platform/http/action-limits";
import { HashCapacityError } from "@/lib/platform/auth/password";
import { signInSchema } from "@/lib/users/user-schema";

// Public on purpose (signed-out people must reach them): listed in tests/server-surface.integration.test.ts.

const WRONG_CREDENTIALS = "Email or password is incorrect.";

export const signIn = actionFor("anyone")
  .input(signInSchema)
  // The address first: a flood from one address never reaches (or fills) the per-email limiter.
  .limit(async ({ requestHeaders }, { email }) => {
    const byAddress = await actionLimits().signInByAddress.take(clientAddress(requestHeaders));
    return byAddress.allowed ? [byAddress, await actionLimits().signInByEmail.take(email)] : [byAddress];
  })
  .action(async ({ input, auth, requestHeaders, prisma }) => {
    // Audited both ways (never the password); only attempts past the limits get this far.
    const attempt = { target: `user ${input.email}`, after: { address: clientAddress(requestHeaders) } };
    try {
      // nextCookies() (lib/platform/auth/auth.ts) turns the returned Set-Cookie into this response's cookie.
      const { user } = await auth.api.signInEmail({ body: { email: input.email, password: input.password, rememberMe: true }, headers: requestHeaders });
      await recordAudit(prisma, { actor: { id: user.id, email: user.email }, action: "session.sign-in", ...attempt });
    } catch (error) {
      if (isHashCapacity(error)) return { ok: false, formError: (error as Error).message };
      await recordAudit(prisma, { actor: { id: null, email: input.email }, action: "session.sign-in-failed", ...attempt });
      // The same answer for an unknown email and a wrong password, so the form cannot list accounts.
      return { ok: false, formError: WRONG_CREDENTIALS };
    }
    return { ok: true, data: { email: input.email } };
  });

/** The hash ceiling refused (lib/platform/auth/password.ts), possibly wrapped by better-auth. */
function isHashCapacity(error: unknown): boolean {
  return error instanceof HashCapacityError || (error instanceof Error && error.cause instanceof HashCapacityError);
}

export const signOut = actionFor("anyone").run(async ({ auth, requestHeaders, prisma }): Promise<never> => {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (session) {
    await auth.api.signOut({ headers: requestHeaders });
    await recordAudit(prisma, { actor: { id: session.user.id, email: session.user.email }, action: "session.sign-out", target: `user ${session.user.email}` });
  }
  redirect("/sign-in");
});
