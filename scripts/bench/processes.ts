// Everything a bench run starts, stopped in reverse order on success, failure or Ctrl-C.
import type { ChildProcess } from "node:child_process";

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
const started = new Set<ChildProcess>();
export const onCleanup = (name: string, run: () => Promise<void> | void) => cleanups.push({ name, run });

export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const { name, run } = cleanups.pop() as (typeof cleanups)[number];
    try {
      await run();
    } catch (error) {
      console.error(`[bench] cleanup ${name}: ${(error as Error).message}`);
    }
  }
}

// Last resort if the process exits without cleanupAll (an uncaught error): no orphans.
process.on("exit", () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
export let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[bench] ${signal}: stopping everything this run started`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.on("exit", () => started.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
