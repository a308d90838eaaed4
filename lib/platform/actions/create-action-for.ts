import type { z } from "zod";
import type { ActionFailure, ActionResult, NoFailureDetail } from "@/lib/core/action-result";
import type { Role } from "@/lib/core/roles";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { authorize, type SessionUser } from "@/lib/platform/auth/authorize";
import { tooManyMessage } from "@/lib/platform/http/action-limits";
import type { RateLimitDecision } from "@/lib/platform/http/rate-limiter";
import { schemaFailure } from "./schema-failure";

// The preamble every server action shares, in one place and in this order: session → role → (limits)
// → schema → (limits) → run → typed result. Each action is a public POST endpoint, so each one names
// its role (or "anyone") where it is defined; a missing session or too low a role throws
// (NotSignedInError, ForbiddenError), so an action can never answer without one. Audit stays an
// explicit call in each changing action: its target and before/after differ per action and some are
// conditional, and lib/platform must not import lib/audit-log.

/** What the wrapper needs from the request; injected so its tests can stub the session. */
export type ActionDeps = {
  getSessionUser: () => Promise<SessionUser | null>;
  requestAuth: () => Promise<RequestAuth>;
  db: () => Promise<PrismaClient>;
};

export type RequestAuth = { auth: unknown; requestHeaders: Headers };
export type Access = Role | "anyone";
export type SignedInContext = { user: SessionUser; prisma: PrismaClient };
/** For the public actions: no user, but the request (for rate-limit keys and signing in). */
export type PublicContext<R extends RequestAuth = RequestAuth> = R & { prisma: PrismaClient };

/** Errors a store throws to refuse a request with a message meant for the user (`field` names its field). */
type UserFacingError = abstract new (...args: never[]) => Error & { field?: string };
type Decision = RateLimitDecision | Promise<RateLimitDecision>;
type Limit<C, I> = (ctx: C, input: I) => Decision[] | Promise<Decision[]>;
type Parse = { schema: z.ZodType; arity: number | null; invalidMessage?: string };
type Steps = { access: Access; parse?: Parse; limits: Array<{ afterParse: boolean; take: Limit<unknown, unknown> }>; userFacing: UserFacingError[] };
type ArgsOf<S> = S extends z.ZodTuple<infer Items> ? { -readonly [K in keyof Items]: unknown } : never;

export class ActionChain<C, I, Args extends unknown[]> {
  constructor(
    protected readonly steps: Steps,
    protected readonly deps: ActionDeps,
  ) {}

  /** The action takes one argument, parsed with `schema`; `invalidMessage` replaces the field errors. */
  input<S extends z.ZodType>(schema: S, invalidMessage?: string): ActionChain<C, z.output<S>, [input: unknown]> {
    return new ActionChain({ ...this.steps, parse: { schema, arity: null, invalidMessage } }, this.deps);
  }

  /** The action takes several arguments, parsed together as the tuple `schema`. */
  inputs<S extends z.ZodTuple>(schema: S, invalidMessage?: string): ActionChain<C, z.output<S>, ArgsOf<S>> {
    return new ActionChain({ ...this.steps, parse: { schema, arity: schema.def.items.length, invalidMessage } }, this.deps);
  }

  /** Rate limits, taken where they appear in the chain: before `input()` they spend a token even on bad input. */
  limit(take: Limit<C, I>): ActionChain<C, I, Args> {
    const limit = { afterParse: this.steps.parse !== undefined, take: take as Limit<unknown, unknown> };
    return new ActionChain({ ...this.steps, limits: [...this.steps.limits, limit] }, this.deps);
  }

  /** These errors, thrown by `run`, come back as a form (or field) error instead of a 500. */
  refusing(...errors: UserFacingError[]): ActionChain<C, I, Args> {
    return new ActionChain({ ...this.steps, userFacing: [...this.steps.userFacing, ...errors] }, this.deps);
  }

  /** The action: `run` gets the parsed input and the context, and returns the typed result. */
  action<T, Detail extends object = NoFailureDetail>(
    run: (call: C & { input: I }) => Promise<ActionResult<T, NoInfer<Detail>>>,
  ): (...args: Args) => Promise<ActionResult<T, Detail>> {
    const { steps, deps } = this;
    return async (...args: Args) => {
      const ctx = await contextFor(steps.access, deps);
      const early = await refusedByLimits(steps, false, ctx, undefined);
      if (early) return early;
      let input: unknown;
      if (steps.parse) {
        const { schema, arity, invalidMessage } = steps.parse;
        // Missing arguments read as undefined and extra ones are ignored, as with plain parameters.
        const parsed = schema.safeParse(arity === null ? args[0] : Array.from({ length: arity }, (_, i) => args[i]));
        if (!parsed.success) return schemaFailure(parsed.error, invalidMessage);
        input = parsed.data;
      }
      const late = await refusedByLimits(steps, true, ctx, input);
      if (late) return late;
      try {
        return await run({ ...(ctx as C), input: input as I });
      } catch (error) {
        if (!steps.userFacing.some((type) => error instanceof type)) throw error;
        const { field, message } = error as Error & { field?: string };
        return field ? { ok: false, fieldErrors: { [field]: [message] } } : { ok: false, formError: message };
      }
    };
  }
}

/** The start of a chain, before any input: it can also define a plain read that returns its data as is. */
export class RootActionChain<C> extends ActionChain<C, undefined, []> {
  /** No input and no refusal of its own (reads, sign-out): returns what `run` returns. */
  run<T>(run: (ctx: C) => Promise<T>): () => Promise<T> {
    const { steps, deps } = this;
    return async () => run((await contextFor(steps.access, deps)) as C);
  }
}

export function createActionFor<R extends RequestAuth>(deps: ActionDeps & { requestAuth: () => Promise<R> }) {
  function actionFor(access: "anyone"): RootActionChain<PublicContext<R>>;
  function actionFor(access: Role): RootActionChain<SignedInContext>;
  function actionFor(access: Access): RootActionChain<PublicContext<R> | SignedInContext> {
    return new RootActionChain({ access, limits: [], userFacing: [] }, deps);
  }
  return actionFor;
}

async function contextFor(access: Access, deps: ActionDeps): Promise<SignedInContext | PublicContext> {
  if (access === "anyone") {
    const request = await deps.requestAuth();
    return { ...request, prisma: await deps.db() };
  }
  const user = authorize(await deps.getSessionUser(), access);
  return { user, prisma: await deps.db() };
}

async function refusedByLimits(steps: Steps, afterParse: boolean, ctx: unknown, input: unknown): Promise<ActionFailure | null> {
  for (const limit of steps.limits.filter((l) => l.afterParse === afterParse)) {
    // Every decision of one step is taken (each limiter spends its token), then the first refusal wins.
    const refused = (await Promise.all(await limit.take(ctx, input))).find((decision) => !decision.allowed);
    if (refused && !refused.allowed) return { ok: false, formError: tooManyMessage(refused.retryAfterSeconds) };
  }
  return null;
}
