// The S3 server (scripts/bench/s3-server.mjs) in its own process, asked for object counts over IPC.
import { fork } from "node:child_process";
import path from "node:path";
import { BUCKET, ROOT } from "./config";
import { stopChild, track } from "./processes";

export type S3Counts = { puts: number; keys: number; lastPutAt: number; at: number };
export type S3Server = { port: number; endpoint: string; counts(): Promise<S3Counts>; close(): Promise<void> };

export async function startS3(directory: string): Promise<S3Server> {
  const child = track(
    fork(path.join(ROOT, "scripts", "bench", "s3-server.mjs"), [], {
      cwd: ROOT,
      execArgv: [],
      env: { ...process.env, BENCH_S3_DIR: directory, BENCH_S3_BUCKET: BUCKET, NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const pending = new Map<number, (counts: S3Counts) => void>();
  let nextId = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`s3rver exited during start-up (code ${code})`)));
    child.on("message", (message: { type: string; id?: number; port?: number } & S3Counts) => {
      if (message.type === "ready") resolve(message.port as number);
      else if (message.type === "count") {
        pending.get(message.id as number)?.(message);
        pending.delete(message.id as number);
      }
    });
  });
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    counts: () =>
      new Promise<S3Counts>((resolve, reject) => {
        if (!child.connected) return reject(new Error("the s3rver process is gone"));
        const id = nextId++;
        pending.set(id, resolve);
        child.send({ type: "count", id });
      }),
    close: async () => {
      if (child.connected) child.send({ type: "close" });
      await stopChild(child, 5_000);
    },
  };
}
