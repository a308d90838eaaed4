// The process's long-lived state (database handle, config and keyring, auth instances, rate limiters,
// delivery workers and their wake-up signal, API-key caches, ingest dependencies) lives in one
// container. It sits in a single globalThis slot because Next.js loads instrumentation, route handlers
// and server actions in separate module graphs of one process (and dev mode reloads modules): a
// module-level variable would give each graph its own database handle, and an embedded PGlite
// directory must never be opened twice. Each owner declares its part with runtimeSlot(), created on
// first use, so boot order stays what the callers need (the database opens asynchronously, auth
// waits for it).

type Container = Map<string, unknown>;

const globalForRuntime = globalThis as unknown as { broadcastRuntime?: Container };

function container(): Container {
  globalForRuntime.broadcastRuntime ??= new Map();
  return globalForRuntime.broadcastRuntime;
}

export type RuntimeSlot<T> = {
  /** The slot's value, created by `create` on first use. */
  get(): T;
  /** Forgets the value (a failed start may be retried). */
  clear(): void;
};

export function runtimeSlot<T>(name: string, create: () => T): RuntimeSlot<T> {
  return {
    get() {
      const state = container();
      if (!state.has(name)) state.set(name, create());
      return state.get(name) as T;
    },
    clear() {
      container().delete(name);
    },
  };
}

/** Drops every slot, so tests can boot a fresh runtime after changing the environment. */
export function resetRuntime(): void {
  container().clear();
}
