import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { markDelivered, recordFailures, releaseDeliveries, type FailedAttempt } from "./queue-store";

// Group commit for attempt results: S3 slots are freed as soon as a PutObject returns, and the
// results are written a few at a time (one UPDATE per kind per batch) instead of one round trip
// per delivery. A row stays leased until its result is written, so a crash before the write only
// means the object is written again under the same key.

export type AttemptOutcome =
  | { kind: "delivered"; id: string; bytes: number }
  | ({ kind: "failed" } & FailedAttempt)
  | { kind: "release"; id: string };

const LINGER_MS = 40;
const MAX_BATCH = 500;
const CLOSE_ATTEMPTS = 3;

export class OutcomeWriter {
  private pending: AttemptOutcome[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private closing = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly workerId: string,
    private readonly log: (message: string, context?: Record<string, unknown>) => void,
  ) {}

  add(outcome: AttemptOutcome): void {
    this.pending.push(outcome);
    this.schedule();
  }

  /** Writes what is buffered; gives up after a few failed tries (the leases then expire). */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    if (this.pending.length > 0) await this.run();
  }

  private schedule(): void {
    if (this.running || this.timer || this.closing) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.run();
      },
      this.pending.length >= MAX_BATCH ? 0 : LINGER_MS,
    );
  }

  private run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      if (this.pending.length > 0) this.schedule();
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.write(batch);
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.log("could not record delivery results", { results: batch.length, try: this.failures, err: error });
        if (this.closing && this.failures >= CLOSE_ATTEMPTS) return;
        // Writes are conditional on status and lease, so writing a partly applied batch again is safe.
        this.pending.unshift(...batch);
        await sleep(Math.min(5_000, 100 * 2 ** this.failures));
      }
    }
  }

  private async write(batch: AttemptOutcome[]): Promise<void> {
    const delivered: { id: string; bytes: number }[] = [];
    const failed: FailedAttempt[] = [];
    const released: string[] = [];
    for (const o of batch) {
      if (o.kind === "delivered") delivered.push({ id: o.id, bytes: o.bytes });
      else if (o.kind === "failed") failed.push(o);
      else released.push(o.id);
    }
    await markDelivered(this.prisma, this.workerId, delivered);
    await recordFailures(this.prisma, this.workerId, failed);
    await releaseDeliveries(this.prisma, this.workerId, released);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
