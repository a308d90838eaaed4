// A delivery worker process for the crash and two-process tests. Run with
//   node --conditions=react-server --import tsx tests/delivery/delivery-child.ts
// and a JSON ChildConfig in the CHILD_CONFIG environment variable. It talks to its parent on stdout,
// one line per message:
//   ready                  workers started
//   ack ["id", …]          these events' traces are committed (what a 202 would promise)
//   drained                nothing pending any more; the process stops its workers and exits 0
import { appendFileSync } from "node:fs";
import type { DatabaseTarget } from "@/lib/platform/db/database-target";
import type { FileSettings } from "@/lib/destinations/file-settings-schema";
import { openDatabase } from "@/lib/platform/db/open-database";
import { backlogSize, enqueueTraces } from "@/lib/delivery/enqueue";
import { startDeliveryWorkers } from "@/lib/delivery/worker";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, makeEvents, testKeyring, type S3Endpoint } from "./delivery-fixtures";

export type ChildConfig = {
  db: DatabaseTarget;
  s3: S3Endpoint;
  workerId: string;
  concurrency: number;
  leaseMs: number;
  /** Empty the tables and create one destination writing under `prefix`. */
  setup?: { prefix: string; bucket: string; files?: Partial<FileSettings> };
  /** Print `sealed ["batchId", …]` once batches are committed, then never write them (kill -9 comes next). */
  holdAfterSeal?: boolean;
  enqueue?: { runId: string; count: number; batch: number };
  /** JSON lines {phase, deliveryId, workerId, at, startedAt?}, written synchronously. */
  attemptLog?: string;
};

const config = JSON.parse(process.env.CHILD_CONFIG ?? "null") as ChildConfig | null;
if (!config) throw new Error("CHILD_CONFIG is not set");
const say = (line: string) => process.stdout.write(`${line}\n`);

const database = await openDatabase(config.db);
const prisma = database.prisma;
if (config.setup) {
  await cleanDeliveryTables(prisma);
  await createTestDestination(prisma, config.s3, { prefix: config.setup.prefix, bucket: config.setup.bucket, files: config.setup.files });
  await enableBroadcast(prisma);
}

const s3Port = Number(new URL(config.s3.endpoint).port);
const attemptLog = config.attemptLog;
const workers = startDeliveryWorkers({
  prisma,
  config: { keyring: testKeyring(), allowedEndpoints: [{ host: "127.0.0.1", port: s3Port }] },
  workerId: config.workerId,
  concurrency: config.concurrency,
  leaseMs: config.leaseMs,
  attemptTimeoutMs: Math.floor(config.leaseMs / 3),
  pollMs: 50,
  maxIdleMs: 200,
  retryPolicy: { baseMs: 100, capMs: 1_000 },
  reclaimEveryMs: 0,
  onAttempt: attemptLog ? (event) => appendFileSync(attemptLog, `${JSON.stringify(event)}\n`) : undefined,
  batches: {
    sealEveryMs: 100,
    ...(config.holdAfterSeal && {
      afterSeal: async (ids: string[]) => {
        say(`sealed ${JSON.stringify(ids)}`);
        await new Promise(() => {});
      },
    }),
  },
});
say("ready");

if (config.enqueue) {
  const { runId, count, batch } = config.enqueue;
  for (let offset = 0; offset < count; offset += batch) {
    const events = makeEvents(runId, Math.min(batch, count - offset), offset);
    await enqueueTraces(prisma, events, { apiKeyName: "crash-test", apiKeyId: "crash-test", now: new Date() });
    say(`ack ${JSON.stringify(events.map((e) => e.id))}`);
    // Real batches arrive as separate HTTP requests. PGlite answers without ever yielding to the
    // event loop, so a tight loop here would starve the workers' S3 I/O until it ended.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

for (;;) {
  if ((await backlogSize(prisma)) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
say("drained");
await workers.stop();
await database.close();
process.exit(0);
