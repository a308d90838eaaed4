import { Worker } from "node:worker_threads";
import type { PutObjectExecutor, PutObjectJob, S3ClientSettings } from "../put-object";
import type { FromThread, ThreadData, ToThread } from "./messages";

// A small pool of S3 threads for the delivery worker (put-object.ts). Each thread takes many
// PutObjects at once (they wait on the network, not the CPU); a job goes to the thread with the
// fewest in flight. A thread that dies fails its jobs (the queue retries them) and is replaced a
// second later (not at once: a thread that cannot even load would otherwise spin).
// Hand-written over node:worker_threads rather than a pool library: abort must cancel one request,
// while the pools we looked at (piscina) abort a task by terminating its whole thread.

const RESPAWN_DELAY_MS = 1_000;
// A thread holds at most a few dozen trace files and its S3 clients (~20 MB live). V8's default young
// generation (tens of MB, per isolate) would add that much resident memory a thread for nothing. The
// old-generation cap is far above what a thread uses; a thread over it dies and is replaced, and its
// writes are retried.
const THREAD_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 192 };

// Retried like a reset connection: nothing says the object was not written.
const threadStopped = () => Object.assign(new Error("The S3 thread stopped before the write finished."), { code: "ECONNRESET" });

type Pending = { resolve(bytes: number): void; reject(error: unknown): void; thread: Thread };
type Thread = { worker: Worker; inFlight: number };

export type PutObjectThreadsOptions = S3ClientSettings & { file: URL | string; threads: number };

export function startPutObjectThreads(options: PutObjectThreadsOptions): PutObjectExecutor {
  const data: ThreadData = { allowedEndpoints: options.allowedEndpoints, timeoutMs: options.timeoutMs };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const spawn = (): Thread => {
    const thread: Thread = { worker: new Worker(options.file, { workerData: data, resourceLimits: THREAD_HEAP }), inFlight: 0 };
    thread.worker.on("message", (message: FromThread) => {
      const job = pending.get(message.id);
      if (!job) return;
      pending.delete(message.id);
      thread.inFlight--;
      if (message.ok) job.resolve(message.bytes);
      else job.reject(message.error);
    });
    thread.worker.on("error", (error) => console.error(`[broadcast] delivery: an S3 thread failed: ${error.message}`));
    thread.worker.on("exit", () => {
      for (const [id, job] of pending) {
        if (job.thread !== thread) continue;
        pending.delete(id);
        job.reject(threadStopped());
      }
      const index = threads.indexOf(thread);
      if (index !== -1) threads.splice(index, 1);
      if (!closed) setTimeout(() => !closed && threads.push(spawn()), RESPAWN_DELAY_MS).unref();
    });
    return thread;
  };
  const threads: Thread[] = Array.from({ length: Math.max(1, options.threads) }, spawn);

  return {
    put(job: PutObjectJob, signal: AbortSignal): Promise<number> {
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        if (threads.length === 0) return reject(threadStopped());
        const thread = threads.reduce((least, t) => (t.inFlight < least.inFlight ? t : least));
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => {
          const reason = signal.reason as unknown;
          const message: ToThread = { type: "abort", id, reason: reason instanceof Error ? reason.message : String(reason), isError: reason instanceof Error };
          thread.worker.postMessage(message);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        const done = () => signal.removeEventListener("abort", onAbort);
        pending.set(id, { thread, resolve: (bytes) => (done(), resolve(bytes)), reject: (error) => (done(), reject(error)) });
        thread.inFlight++;
        thread.worker.postMessage({ type: "put", id, job } satisfies ToThread);
      });
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
