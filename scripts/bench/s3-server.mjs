// The benchmark's S3 server: s3rver on loopback in its own process (so it never shares an event
// loop with the load generator or the app), counting the objects it stores.
// Started by scripts/bench/bench.ts with an IPC channel:
//   → parent: { type: "ready", port }                  once listening
//   ← parent: { type: "count", id }  → { type: "count", id, puts, keys, lastPutAt, at }
//        puts: PutObjects answered; keys: distinct keys stored (a re-delivered trace overwrites its
//        own deterministic key, so `keys` is what "every object is in the bucket" means);
//        lastPutAt: epoch ms of the latest PutObject (when the last object landed)
//   ← parent: { type: "close" }                          close and exit
import path from "node:path";
import { mkdir, rm } from "node:fs/promises";
import S3rver from "s3rver";

const directory = path.resolve(process.env.BENCH_S3_DIR ?? "");
const bucket = process.env.BENCH_S3_BUCKET ?? "bench";
if (!process.env.BENCH_S3_DIR || directory === path.parse(directory).root) throw new Error("BENCH_S3_DIR is not set");
await rm(directory, { recursive: true, force: true });
await mkdir(directory, { recursive: true });

const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  resetOnClose: false,
  configureBuckets: [{ name: bucket }],
});
let puts = 0;
let lastPutAt = 0;
const keys = new Set();
// Emitted after the object and its metadata are on disk, i.e. when PutObject is about to answer 200.
server.on("event", (event) => {
  const record = event?.Records?.[0];
  if (record?.eventName !== "ObjectCreated:Put") return;
  puts++;
  lastPutAt = Date.now();
  keys.add(record.s3?.object?.key ?? `#${puts}`);
});
const { port } = await server.run();
process.send?.({ type: "ready", port });

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  const stopped = server.close();
  server.httpServer?.closeAllConnections?.();
  await stopped.catch(() => {});
  process.exit(0);
}
process.on("message", (message) => {
  if (message?.type === "count") process.send?.({ type: "count", id: message.id, puts, keys: keys.size, lastPutAt, at: Date.now() });
  else if (message?.type === "close") void close();
});
// The parent went away (crash, kill): do not linger.
process.on("disconnect", () => void close());
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void close());
