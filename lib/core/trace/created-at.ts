import { z } from "zod";

/**
 * `created_at` arrives in whatever shape the sender's language makes easy: an ISO 8601
 * string, epoch seconds (Python's time.time()) or epoch milliseconds (JS Date.now()).
 */

// Seconds stay below 1e11 until the year 5138, milliseconds pass it in 1973: the overlap
// (1970–1973 in ms) is outside any plausible trace, so one threshold tells them apart.
const EPOCH_MS_THRESHOLD = 1e11;
const DAY_MS = 24 * 60 * 60 * 1000;

const isoWithOffset = z.iso.datetime({ offset: true });

export const CREATED_AT_TYPE_MESSAGE =
  "expected an ISO 8601 date-time with timezone, or epoch seconds or milliseconds";
export const CREATED_AT_RANGE_MESSAGE = "must be between 1970-01-01 and 1 day from now";

/** The instant the value denotes, or null when it is not a recognised date shape. */
export function resolveCreatedAt(value: string | number): Date | null {
  let ms: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    ms = Math.abs(value) > EPOCH_MS_THRESHOLD ? value : value * 1000;
  } else {
    // The regex rejects missing timezones (ambiguous instants) and impossible days like 02-30.
    if (!isoWithOffset.safeParse(value).success) return null;
    ms = Date.parse(value);
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function isCreatedAtInRange(date: Date, now: Date): boolean {
  const ms = date.getTime();
  return ms >= 0 && ms <= now.getTime() + DAY_MS;
}

const requiredOr = (fallback: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? "required" : fallback;

export function createCreatedAtSchema(now: () => Date) {
  return z
    .union([z.string(), z.number()], { error: requiredOr(CREATED_AT_TYPE_MESSAGE) })
    .superRefine((value, ctx) => {
      const date = resolveCreatedAt(value);
      if (!date) ctx.addIssue({ code: "custom", message: CREATED_AT_TYPE_MESSAGE });
      else if (!isCreatedAtInRange(date, now())) ctx.addIssue({ code: "custom", message: CREATED_AT_RANGE_MESSAGE });
    });
}
