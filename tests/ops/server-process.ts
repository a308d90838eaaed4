import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ServerChildSetup } from "./server-child";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = path.join(REPO_ROOT, "tests", "ops", "server-child.ts");

export type ServerProcess = {
  process: ChildProcess;
  url: string;
  /** Every stdout line the child wrote (its log). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  kill9(): Promise<void>;
};

/** Starts tests/ops/server-child.ts and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, setup?: ServerChildSetup): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "",
      NODE_NO_WARNINGS: "1",
      ...env,
      ...(setup && { SERVER_CHILD_SETUP: JSON.stringify(setup) }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let errText = "";
  child.stderr?.on("data", (chunk: Buffer) => (errText = (errText + chunk.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server child did not start; stderr:\n${errText}\nstdout:\n${lines.join("\n")}`)), 60_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      lines.push(line);
      if (line.includes('"test server listening"')) {
        clearTimeout(timer);
        resolve(JSON.parse(line).port as number);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server child exited before listening; stderr:\n${errText}\nstdout:\n${lines.join("\n")}`));
    });
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    lines,
    exited,
    stderr: () => errText,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
