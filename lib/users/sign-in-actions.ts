"use server";
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { actionFor } from "@/lib/platform/actions/action-for";
import { actionLimits, clientAddress } from "@/lib/platform/http/action-limits";
import { signInSchema } from "@/lib/users/user-schema";

// Public on purpose (signed-out people must reach them): listed in tests/server-surface.integration.test.ts.

const WRONG_CREDENTIALS = "Email or password is incorrect.";

export const signIn = actionFor("anyone")
  .input(signInSchema)
  .limit(({ requestHeaders }, { email }) => [actionLimits().signInByAddress.take(clientAddress(requestHeaders)), actionLimits().signInByEmail.take(email)])
  .action(async ({ input, auth, requestHeaders }) => {
    try {
      // nextCookies() (lib/platform/auth/auth.ts) turns the returned Set-Cookie into this response's cookie.
      await auth.api.signInEmail({ body: { email: input.email, password: input.password, rememberMe: true }, headers: requestHeaders });
    } catch {
      // The same answer for an unknown email and a wrong password, so the form cannot list accounts.
      return { ok: false, formError: WRONG_CREDENTIALS };
    }
    return { ok: true, data: { email: input.email } };
  });

export const signOut = actionFor("anyone").run(async ({ auth, requestHeaders, prisma }): Promise<never> => {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (session) {
    await auth.api.signOut({ headers: requestHeaders });
    await recordAudit(prisma, { actor: { id: session.user.id, email: session.user.email }, action: "session.sign-out", target: `user ${session.user.email}` });
  }
  redirect("/sign-in");
});
