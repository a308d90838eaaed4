import type { DestinationHealthStatus, ErrorNote } from "@/lib/delivery/delivery-health";
import type { SendTestTraceResult } from "@/lib/delivery/send-test-trace";

// Pure wording and formatting for the delivery parts of a destination card (types only from lib/).

export type Tone = "neutral" | "success" | "warning" | "danger";

/**
 * The card's one status badge, derived from the counts rather than from the last write alone: a
 * destination whose traces ran out of retries is not "Healthy" however well the next one went. Dead
 * letters and a pause need the user even while Broadcast is off; only disabled outranks them (the
 * user chose that). Without health yet, an enabled destination reads as active.
 */
export function deliveryBadge(
  status: DestinationHealthStatus | undefined,
  ctx: { isEnabled: boolean; isBroadcastEnabled: boolean; deadLetters?: number },
): { label: string; tone: Tone } {
  if (!ctx.isEnabled || status === "disabled") return { label: "Disabled", tone: "neutral" };
  if (status === "paused") return { label: "Paused", tone: "danger" };
  const dead = ctx.deadLetters ?? 0;
  if (dead > 0) return { label: `Needs attention: ${formatCount(dead)} dead letter${dead === 1 ? "" : "s"}`, tone: "danger" };
  if (!ctx.isBroadcastEnabled) return { label: "Broadcast off", tone: "neutral" };
  if (status === "retrying") return { label: "Retrying", tone: "warning" };
  if (status === "healthy") return { label: "Healthy", tone: "success" };
  return { label: "Active", tone: "success" };
}

/**
 * The last error is news only until a write succeeds after it (a replay, a fix, a transient fault
 * gone); after that, showing it under a working destination reads as a current problem.
 */
export function currentError(lastError: ErrorNote | null, lastSuccessAt: string | null): ErrorNote | null {
  if (!lastError) return null;
  if (!lastSuccessAt || !lastError.at) return lastError;
  return new Date(lastError.at).getTime() >= new Date(lastSuccessAt).getTime() ? lastError : null;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; "Never" for null. */
export function formatTimeAgo(iso: string | null, now: Date): string {
  if (!iso) return "Never";
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return "—";
  const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** Exact instant for tooltips and tables: "2026-05-01 12:34:56 UTC". */
export function formatUtc(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export type TestTraceNotice = { tone: "success" | "warning" | "danger"; title: string; detail: string | null; key: string | null };

export function describeTestTraceResult(result: SendTestTraceResult): TestTraceNotice {
  switch (result.outcome) {
    case "delivered":
      return {
        tone: "success",
        title: "Test trace delivered.",
        detail: `${formatBytes(result.bytes)}, ${result.attempts === 1 ? "first attempt" : `${result.attempts} attempts`}.`,
        key: result.key,
      };
    case "failed":
      return {
        tone: "danger",
        title: `Test trace not delivered: ${result.message || "unknown error"} (${result.code})`,
        detail: result.isPaused
          ? "Delivery to this destination is paused until you fix its settings (Edit, test, save) or press Resume."
          : "It ran out of retries and is listed under Dead letters.",
        key: result.key,
      };
    case "queued":
      return {
        tone: "warning",
        title: "Queued, still delivering.",
        detail: result.lastError
          ? `The last attempt failed: ${result.lastError.message} (${result.lastError.code}). It is retried in the background.`
          : "It was not written within 10 seconds; it keeps going in the background.",
        key: result.key,
      };
    case "refused":
      return { tone: "danger", title: "Nothing was sent.", detail: result.message, key: null };
  }
}
