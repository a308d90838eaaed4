"use server";
import { recordAudit } from "@/lib/audit-log/record-audit";
import { actionFor } from "@/lib/platform/actions/action-for";
import { actionLimits, clientAddress } from "@/lib/platform/http/action-limits";
import { ownerSetupSchema } from "@/lib/users/user-schema";
import { countUsers, createUserWithPassword, UserStoreError } from "@/lib/users/user-store";
import { isSetupToken } from "@/lib/users/setup-token";

// Public on purpose, but only while the database has no account at all, and only with the token of
// the setup link printed in the start-up log (lib/users/setup-token.ts). The cheap checks come before
// the password hash, so a flood of calls costs no scrypt; the final check and the insert share a
// transaction under an advisory lock, so two racing visitors cannot both become owner.

const ALREADY_EXISTS = "An owner account already exists. Sign in instead.";
const SETUP_LINK_NEEDED = "Open the setup link printed in the server's start-up log (it ends in /setup?token=…) to create the owner account.";

export const createOwner = actionFor("anyone")
  .input(ownerSetupSchema)
  .limit(({ requestHeaders }) => [actionLimits().signInByAddress.take(clientAddress(requestHeaders))])
  .refusing(UserStoreError)
  .action(async ({ input: { token, ...input }, auth, requestHeaders, prisma }) => {
    if ((await countUsers(prisma)) > 0) return { ok: false, formError: ALREADY_EXISTS };
    if (!isSetupToken(token)) return { ok: false, formError: SETUP_LINK_NEEDED };
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
