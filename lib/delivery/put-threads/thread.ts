// An S3 thread's entry (bundled to .next/broadcast/s3-thread.mjs): signs, sends and parses
// PutObjects for the delivery worker on the main thread, with clients built by createS3Client, so
// the endpoint guard and the bounded HTTP handler are in force here as everywhere else.
import { parentPort, workerData } from "node:worker_threads";
import { toPlainError } from "@/lib/core/delivery/plain-error";
import { S3ClientCache, sendPutObject } from "../put-object";
import type { FromThread, ThreadData, ToThread } from "./messages";

const port = parentPort;
if (!port) throw new Error("thread.ts runs as a worker thread only");

const clients = new S3ClientCache(workerData as ThreadData);
const running = new Map<number, AbortController>();

port.on("message", (message: ToThread) => {
  if (message.type === "abort") {
    running.get(message.id)?.abort(message.isError ? new Error(message.reason) : message.reason);
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  sendPutObject(clients, message.job, controller.signal).then(
    (bytes) => reply({ id: message.id, ok: true, bytes }),
    (error: unknown) => reply({ id: message.id, ok: false, error: toPlainError(error) }),
  );
});

function reply(message: FromThread): void {
  running.delete(message.id);
  port?.postMessage(message);
}
