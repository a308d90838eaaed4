import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { pinoOptions, readLogSettings, type LogSettings } from "./log-options";

export type { Logger } from "pino";

// One logger per process, in the runtime container because Next.js loads this module in several
// module graphs (instrumentation, route handlers, server actions). Writes synchronously to stdout:
// log lines of a process that exits right after (a failed start, SIGTERM) must not be lost in a buffer.

const slot = runtimeSlot<{ logger?: Logger }>("logger", () => ({}));

export function createLogger(settings: LogSettings = readLogSettings(), destination?: DestinationStream): Logger {
  const out =
    destination ??
    (settings.format === "pretty"
      ? pretty({ sync: true, colorize: false, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" })
      : pino.destination({ fd: 1, sync: true }));
  return pino(pinoOptions(settings), out);
}

export function getLogger(): Logger {
  const state = slot.get();
  state.logger ??= createLogger();
  return state.logger;
}

/** A logger whose lines carry these context ids (destinationId, deliveryId, requestId, …). */
export function logFor(context: Record<string, string | number | undefined>, module?: string): Logger {
  return getLogger().child(module ? { module, ...context } : context);
}

/** Replaces the process's logger, e.g. with one over a stream a test reads. */
export function setLogger(logger: Logger): void {
  slot.get().logger = logger;
}
