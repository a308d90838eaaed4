// In-process wake-up for delivery workers: enqueue calls notifyWorkAvailable() after its commit so
// an idle worker claims the new rows at once instead of at its next poll. Kept in the runtime container
// because Next.js loads route handlers and instrumentation in separate module graphs of one process.
// Other processes (a second app instance on the same PostgreSQL) still find the work by polling.

import { runtimeSlot } from "@/lib/platform/runtime/container";

type Listener = () => void;

const listenerSet = runtimeSlot("delivery.work-listeners", () => new Set<Listener>());
const listeners = () => listenerSet.get();

export function notifyWorkAvailable(): void {
  for (const listener of listeners()) listener();
}

/** Returns the unsubscribe function. */
export function onWorkAvailable(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
