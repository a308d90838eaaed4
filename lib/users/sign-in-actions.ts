"use server";
import { redirect } from "next/navigation";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { requestAuth } from "@/lib/platform/auth/session";
import { signInSchema } from "@/lib/users/user-schema";
import { db } from "@/lib/platform/db/client";
import type { ActionResult } from "@/lib/core/action-result";
import { fieldErrorsOf } from "@/lib/platform/actions/field-errors";
import { actionLimits, clientAddress, tooManyMessage } from "@/lib/platform/http/action-limits";

// Public on purpose (signed-out people must reach them): listed in tests/server-surface.integration.test.ts.

const WRONG_CREDENTIALS = "Email or password is incorrect.";

export async function signIn(values: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { auth, requestHeaders } = await requestAuth();
  const limits = actionLimits();
  for (const decision of [limits.signInByAddress.take(clientAddress(requestHeaders)), limits.signInByEmail.take(parsed.data.email)]) {
    if (!decision.allowed) return { ok: false, formError: tooManyMessage(decision.retryAfterSeconds) };
  }
  try {
    // nextCookies() (lib/platform/auth/auth.ts) turns the returned Set-Cookie into this response's cookie.
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password, rememberMe: true }, headers: requestHeaders });
  } catch {
    // The same answer for an unknown email and a wrong password, so the form cannot list accounts.
    return { ok: false, formError: WRONG_CREDENTIALS };
  }
  return { ok: true, data: { email: parsed.data.email } };
}

export async function signOut(): Promise<never> {
  const { auth, requestHeaders } = await requestAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (session) {
    await auth.api.signOut({ headers: requestHeaders });
    await recordAudit(await db(), { actor: { id: session.user.id, email: session.user.email }, action: "session.sign-out", target: `user ${session.user.email}` });
  }
  redirect("/sign-in");
}
