import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Role } from "@/lib/core/roles";
import type { SessionUser } from "@/lib/platform/auth/authorize";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { tooManyMessage } from "@/lib/platform/http/action-limits";
import { createActionFor } from "./create-action-for";

const prisma = { stub: "prisma" } as unknown as PrismaClient;
const requestHeaders = new Headers({ "x-forwarded-for": "203.0.113.9" });

/** A wrapper whose session is `user` (null: signed out), with spies on what it reads. */
function stubbed(user: SessionUser | null) {
  const deps = {
    getSessionUser: vi.fn(async () => user),
    requestAuth: vi.fn(async () => ({ auth: { stub: "auth" }, requestHeaders })),
    db: vi.fn(async () => prisma),
  };
  return { actionFor: createActionFor(deps), deps };
}

const as = (role: Role): SessionUser => ({ id: `${role}-id`, email: `${role}@example.test`, name: role, role });

const formSchema = z.object({
  name: z.string().trim().min(1, "Name is required."),
  limits: z.object({ perMinute: z.number().int("Whole numbers only.") }),
});

describe("session and role", () => {
  it("throws NotSignedInError without a session, before parsing or running anything", async () => {
    const { actionFor, deps } = stubbed(null);
    const run = vi.fn();
    const limit = vi.fn(() => []);
    const action = actionFor("viewer").limit(limit).input(formSchema).action(run);
    await expect(action({ name: "" })).rejects.toMatchObject({ name: "NotSignedInError", message: "You are not signed in. Sign in and try again." });
    expect(run).not.toHaveBeenCalled();
    expect(limit).not.toHaveBeenCalled();
    expect(deps.db).not.toHaveBeenCalled();
  });

  it("answers a missing, expired or forged session as Next's redirect to /sign-in, not a 500", async () => {
    const { isRedirectError } = await import("next/dist/client/components/redirect-error.js");
    const error = await stubbed(null).actionFor("viewer").run(vi.fn())().catch((e: unknown) => e);
    expect(isRedirectError(error)).toBe(true);
    expect((error as { digest: string }).digest.split(";").slice(0, 3)).toEqual(["NEXT_REDIRECT", "replace", "/sign-in"]);
  });

  it("throws ForbiddenError when the role is too low, naming the role it needs", async () => {
    const run = vi.fn();
    await expect(stubbed(as("viewer")).actionFor("admin").input(formSchema).action(run)({})).rejects.toMatchObject({
      name: "ForbiddenError",
      message: "Your role does not allow this: it needs an owner or admin role.",
    });
    await expect(stubbed(as("admin")).actionFor("owner").run(run)()).rejects.toMatchObject({
      name: "ForbiddenError",
      message: "Your role does not allow this: it needs the owner role.",
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("lets a higher role through: owners may do what admins may", async () => {
    const action = stubbed(as("owner")).actionFor("admin").run(async ({ user }) => user.role);
    expect(await action()).toBe("owner");
  });

  it("never consults the session for a public action, and hands it the request", async () => {
    const { actionFor, deps } = stubbed(null);
    const action = actionFor("anyone").run(async (ctx) => ctx);
    expect(await action()).toEqual({ auth: { stub: "auth" }, requestHeaders, prisma });
    expect(deps.getSessionUser).not.toHaveBeenCalled();
  });
});

describe("schema", () => {
  const admin = () => stubbed(as("admin")).actionFor("admin");

  it("returns zod's messages keyed by field, nested paths under their top-level field", async () => {
    const run = vi.fn();
    const result = await admin().input(formSchema).action(run)({ name: "  ", limits: { perMinute: 1.5 } });
    expect(result).toStrictEqual({ ok: false, fieldErrors: { name: ["Name is required."], limits: ["Whole numbers only."] } });
    expect(run).not.toHaveBeenCalled();
  });

  it("puts an issue about the whole value in formError", async () => {
    const result = await admin().input(formSchema).action(vi.fn())("not an object");
    expect(result).toStrictEqual({ ok: false, formError: "Invalid input: expected object, received string" });
  });

  it("uses the action's own message instead when it names one", async () => {
    const result = await admin().input(z.uuid(), "Invalid destination id.").action(vi.fn())("nope");
    expect(result).toStrictEqual({ ok: false, formError: "Invalid destination id." });
  });

  it("runs with the parsed (transformed) input, the user and the database", async () => {
    const action = admin()
      .input(formSchema)
      .action(async ({ input, user, prisma: db }) => ({ ok: true, data: { name: input.name, actor: user.email, db } }));
    expect(await action({ name: "  Prod  ", limits: { perMinute: 5 } })).toStrictEqual({
      ok: true,
      data: { name: "Prod", actor: "admin@example.test", db: prisma },
    });
  });

  it("parses several arguments as one tuple: missing ones read as undefined, extra ones are ignored", async () => {
    const action = admin()
      .inputs(z.tuple([z.uuid(), z.boolean().optional()]), "Invalid id or flag.")
      .action(async ({ input: [id, flag] }) => ({ ok: true, data: { id, flag } }));
    const id = "6f1c2c8e-4b7a-4f0e-9a57-0d2b1c3e4f5a";
    // A server action is a POST endpoint: the browser may send any number of arguments.
    const post = action as (...args: unknown[]) => ReturnType<typeof action>;
    expect(await post(id)).toStrictEqual({ ok: true, data: { id, flag: undefined } });
    expect(await post(id, true, "extra")).toStrictEqual({ ok: true, data: { id, flag: true } });
    expect(await post(id, "yes")).toStrictEqual({ ok: false, formError: "Invalid id or flag." });
  });
});

describe("results from run", () => {
  class StoreRefusal extends Error {
    constructor(
      message: string,
      readonly field?: "email",
    ) {
      super(message);
    }
  }
  const owner = () => stubbed(as("owner")).actionFor("owner").input(z.string()).refusing(StoreRefusal);

  it("passes a formError the action returns through unchanged", async () => {
    const action = owner().action(async () => ({ ok: false, formError: "You cannot remove yourself." }));
    expect(await action("x")).toStrictEqual({ ok: false, formError: "You cannot remove yourself." });
  });

  it("turns a declared error into a formError, or a field error when it names its field", async () => {
    const throwing = (error: Error) => owner().action(async () => Promise.reject(error));
    expect(await throwing(new StoreRefusal("That user no longer exists."))("x")).toStrictEqual({ ok: false, formError: "That user no longer exists." });
    expect(await throwing(new StoreRefusal("Taken.", "email"))("x")).toStrictEqual({ ok: false, fieldErrors: { email: ["Taken."] } });
  });

  it("rethrows any other error: only declared ones are meant for the user", async () => {
    const action = owner().action(async () => Promise.reject(new Error("database is down")));
    await expect(action("x")).rejects.toThrow("database is down");
  });
});

describe("rate limits", () => {
  const refused = [{ allowed: true as const }, { allowed: false as const, retryAfterSeconds: 7 }];

  it("before input(): spends its token even on bad input, and refuses first", async () => {
    const limit = vi.fn(() => refused);
    const action = stubbed(as("admin")).actionFor("admin").limit(limit).input(z.uuid(), "Invalid id.").action(vi.fn());
    expect(await action("not-a-uuid")).toStrictEqual({ ok: false, formError: tooManyMessage(7) });
    expect(limit).toHaveBeenCalledWith(expect.objectContaining({ user: as("admin") }), undefined);
  });

  it("after input(): keyed by the parsed input, and never reached by bad input", async () => {
    const limit = vi.fn((_ctx: unknown, input: { email: string }) => (input.email === "a@b.test" ? refused : []));
    const run = vi.fn(async () => ({ ok: true as const, data: null }));
    const action = stubbed(null)
      .actionFor("anyone")
      .input(z.object({ email: z.email() }))
      .limit(limit)
      .action(run);
    expect(await action({ email: "bad" })).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)] } });
    expect(limit).not.toHaveBeenCalled();
    expect(await action({ email: "a@b.test" })).toStrictEqual({ ok: false, formError: tooManyMessage(7) });
    expect(run).not.toHaveBeenCalled();
    expect(await action({ email: "c@d.test" })).toStrictEqual({ ok: true, data: null });
    expect(limit).toHaveBeenLastCalledWith(expect.objectContaining({ requestHeaders }), { email: "c@d.test" });
  });
});
