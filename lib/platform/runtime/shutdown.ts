import { getLogger } from "@/lib/platform/logging/logger";
import { runtimeSlot } from "./container";

// Graceful shutdown. On SIGTERM (or SIGINT) the process stops taking work: ingest answers 503 with
// Retry-After and readiness fails, so the orchestrator and clients go elsewhere. Requests already
// committing finish, the delivery workers finish their writes in flight and hand unstarted claims
// back, the database closes, and the process exits 0, all within the shutdown timeout. Past the
// timeout (plus a grace period for aborted writes to be recorded), it exits 1.

type Lifecycle = {
  shuttingDown: boolean;
  inFlight: Set<Promise<unknown>>;
  stops: { name: string; stop: (budgetMs: number) => Promise<void> }[];
  installed: boolean;
};

const slot = runtimeSlot<Lifecycle>("shutdown", () => ({ shuttingDown: false, inFlight: new Set(), stops: [], installed: false }));
const lifecycle = () => slot.get();

export const FORCED_EXIT_GRACE_MS = 5_000;

export function isShuttingDown(): boolean {
  return lifecycle().shuttingDown;
}

/** Shutdown waits for this promise (an ingest commit) before stopping what it needs. */
export function trackInFlight<T>(work: Promise<T>): Promise<T> {
  const { inFlight } = lifecycle();
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work)).catch(() => {});
  return work;
}

/**
 * Registers something to stop on shutdown, after requests in flight finished (the delivery
 * workers, a listening server, the database). Stops run in registration order, each given
 * the time left.
 */
export function onShutdown(name: string, stop: (budgetMs: number) => Promise<void>): void {
  lifecycle().stops.push({ name, stop });
}

export type ShutdownOptions = { timeoutMs: number; exit?: (code: number) => void };

/** Runs the shutdown sequence; resolves with the exit code it chose. */
export async function shutDown(reason: string, options: ShutdownOptions): Promise<number> {
  const state = lifecycle();
  const log = getLogger().child({ module: "shutdown" });
  state.shuttingDown = true;
  const deadline = Date.now() + options.timeoutMs;
  log.info({ reason, timeoutMs: options.timeoutMs, inFlight: state.inFlight.size }, "shutting down: finishing commits and writes in flight");
  const left = () => Math.max(0, deadline - Date.now());
  let code = 0;
  if (!(await settleWithin([...state.inFlight], left()))) {
    log.warn({ inFlight: state.inFlight.size }, "requests still in flight at the shutdown timeout");
    code = 1;
  }
  for (const { name, stop } of state.stops) {
    try {
      await stop(left());
    } catch (error) {
      log.error({ err: error, step: name }, "shutdown step failed");
      code = 1;
    }
  }
  log.info({ exitCode: code }, "shut down");
  return code;
}

/** SIGTERM/SIGINT → shutDown → exit. Idempotent; a second signal is ignored. */
export function installShutdownHandlers(options: ShutdownOptions): void {
  const state = lifecycle();
  if (state.installed) return;
  state.installed = true;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (started) return;
      started = true;
      // A stuck stop (a database that no longer answers) must not keep a terminating container alive.
      setTimeout(() => exit(1), options.timeoutMs + FORCED_EXIT_GRACE_MS).unref();
      void shutDown(signal, options).then(exit, () => exit(1));
    });
  }
}

async function settleWithin(work: Promise<unknown>[], ms: number): Promise<boolean> {
  if (work.length === 0) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = Promise.allSettled(work).then(() => true as const);
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}
