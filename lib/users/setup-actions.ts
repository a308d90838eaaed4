"use server";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { requestAuth } from "@/lib/platform/auth/session";
import { createUserWithPassword, UserStoreError } from "@/lib/users/user-store";
import { ownerSchema } from "@/lib/users/user-schema";
import { db } from "@/lib/platform/db/client";
import type { ActionResult } from "@/lib/core/action-result";
import { fieldErrorsOf } from "@/lib/platform/actions/field-errors";
import { actionLimits, clientAddress, tooManyMessage } from "@/lib/platform/http/action-limits";

// Public on purpose, but only while the database has no account at all: the check and the insert
// share a transaction under an advisory lock, so two racing visitors cannot both become owner.

export async function createOwner(values: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = ownerSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { auth, requestHeaders } = await requestAuth();
  const limit = actionLimits().signInByAddress.take(clientAddress(requestHeaders));
  if (!limit.allowed) return { ok: false, formError: tooManyMessage(limit.retryAfterSeconds) };
  const prisma = await db();
  let owner;
  try {
    owner = await createUserWithPassword(prisma, { ...parsed.data, role: "owner" }, { onlyIfNoUsers: true });
  } catch (error) {
    if (error instanceof UserStoreError) return { ok: false, formError: error.message };
    throw error;
  }
  await recordAudit(prisma, {
    actor: { id: owner.id, email: owner.email },
    action: "user.create-owner",
    target: `user ${owner.email}`,
    after: { email: owner.email, name: owner.name, role: owner.role },
  });
  await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password, rememberMe: true }, headers: requestHeaders });
  return { ok: true, data: { email: owner.email } };
}
