// In-process wake-up for delivery workers: enqueue calls notifyWorkAvailable() after its commit so
// an idle worker claims the new rows at once instead of at its next poll. Kept on globalThis because
// Next.js loads route handlers and instrumentation in separate module graphs of one process.
// Other processes (a second app instance on the same PostgreSQL) still find the work by polling.

type Listener = () => void;

const globalForSignal = globalThis as unknown as { broadcastDeliveryListeners?: Set<Listener> };

function listeners(): Set<Listener> {
  globalForSignal.broadcastDeliveryListeners ??= new Set();
  return globalForSignal.broadcastDeliveryListeners;
}

export function notifyWorkAvailable(): void {
  for (const listener of listeners()) listener();
}

/** Returns the unsubscribe function. */
export function onWorkAvailable(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
