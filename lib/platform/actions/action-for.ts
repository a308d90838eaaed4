import "server-only";
import { getSessionUser, requestAuth } from "@/lib/platform/auth/session";
import { db } from "@/lib/platform/db/client";
import { createActionFor } from "./create-action-for";

/**
 * Every server action starts here, naming who may call it:
 * `actionFor("admin").input(schema).action(async ({ input, user, prisma }) => …)`,
 * `actionFor("viewer").run(async ({ prisma }) => …)` for reads, `actionFor("anyone")` for the public few.
 */
export const actionFor = createActionFor({ getSessionUser, requestAuth, db });
