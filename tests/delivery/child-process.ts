import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ChildConfig } from "./delivery-child";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = path.join(REPO_ROOT, "tests", "delivery", "delivery-child.ts");

export type DeliveryChild = {
  process: ChildProcess;
  /** Event ids the child reported committed. */
  acked: string[];
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves on the first stdout line equal to `line`; rejects if the child exits first. */
  waitForLine(line: string, timeoutMs: number): Promise<void>;
  /** Resolves once `predicate` holds, checked after every message. */
  waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  stderr(): string;
};

/** Starts tests/delivery/delivery-child.ts with tsx, under the react-server condition (for "server-only"). */
export function startDeliveryChild(config: ChildConfig): DeliveryChild {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHILD_CONFIG: JSON.stringify(config), NODE_NO_WARNINGS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acked: string[] = [];
  const lines: string[] = [];
  let errText = "";
  const listeners = new Set<() => void>();
  child.stderr?.on("data", (chunk: Buffer) => {
    errText = (errText + chunk.toString()).slice(-20_000);
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    lines.push(line);
    if (line.startsWith("ack ")) acked.push(...(JSON.parse(line.slice(4)) as string[]));
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const waitUntil = (predicate: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate()) return finish(resolve);
        if (hasExited || child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`child exited before ${what}; stderr:\n${errText}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}; stderr:\n${errText}`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        then();
      };
      listeners.add(check);
      check();
    });

  return {
    process: child,
    acked,
    lines,
    waitForLine: (line, timeoutMs) => waitUntil(() => lines.includes(line), timeoutMs, `"${line}"`),
    waitUntil,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stderr: () => errText,
  };
}
