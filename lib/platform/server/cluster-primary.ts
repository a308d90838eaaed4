import cluster from "node:cluster";

// BROADCAST_WORKERS > 1: this process only forks the workers (each a full server of its role on the
// shared port), passes SIGTERM/SIGINT on, and exits once they have. A worker that dies on its own is
// replaced; the delivery leases hand its claimed rows to the others meanwhile.

const RESTART_DELAY_MS = 1_000;

export function runClusterPrimary(count: number): void {
  let stopping = false;
  console.log(`[broadcast] starting ${count} server processes (BROADCAST_WORKERS)`);
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`[broadcast] server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS).unref();
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}
