"use server";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { actionFor } from "@/lib/platform/actions/action-for";
import { actionLimits, clientAddress } from "@/lib/platform/http/action-limits";
import { ownerSchema } from "@/lib/users/user-schema";
import { createUserWithPassword, UserStoreError } from "@/lib/users/user-store";

// Public on purpose, but only while the database has no account at all: the check and the insert
// share a transaction under an advisory lock, so two racing visitors cannot both become owner.

export const createOwner = actionFor("anyone")
  .input(ownerSchema)
  .limit(({ requestHeaders }) => [actionLimits().signInByAddress.take(clientAddress(requestHeaders))])
  .refusing(UserStoreError)
  .action(async ({ input, auth, requestHeaders, prisma }) => {
    const owner = await createUserWithPassword(prisma, { ...input, role: "owner" }, { onlyIfNoUsers: true });
    await recordAudit(prisma, {
      actor: { id: owner.id, email: owner.email },
      action: "user.create-owner",
      target: `user ${owner.email}`,
      after: { email: owner.email, name: owner.name, role: owner.role },
    });
    await auth.api.signInEmail({ body: { email: input.email, password: input.password, rememberMe: true }, headers: requestHeaders });
    return { ok: true, data: { email: owner.email } };
  });
