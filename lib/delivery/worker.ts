import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { decidePrivacyAtWrite } from "./privacy-at-write";
import type { AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import type { Keyring } from "@/lib/platform/crypto/keyring";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { DEFAULT_CONCURRENCY } from "./delivery-env";
import { DestinationSettings } from "./destination-settings";
import { decideFailure } from "../core/delivery/failure-policy";
import { OutcomeWriter, type AttemptOutcome } from "./outcome-writer";
import { inProcessPutObject, S3ClientCache, type PutObjectExecutor } from "./put-object";
import { claimDeliveries, pauseDestination, type ClaimedDelivery } from "./queue-store";
import { planRetry, retryPolicyWith, type RetryPolicy } from "../core/delivery/retry-policy";
import { StorageUpkeep } from "./storage-reclaim";
import { Alarm, Waker } from "../core/delivery/waker";
import { onWorkAvailable } from "./work-signal";
import { BatchWorker, type BatchWorkerOptions } from "./batch-worker";
import { DeliveryObserver, defaultDeliveryLog, type DeliveryLog } from "./delivery-observer";

export type AttemptEvent =
  | { phase: "start"; deliveryId: string; workerId: string; at: number }
  | { phase: "end"; deliveryId: string; workerId: string; at: number; startedAt: number; result: "delivered" | "retry" | "dead" | "release"; code?: string };

/** One claim round of the loop: what it took and what it holds; lets tests wait for "looked and took nothing". */
export type ClaimTick = { claimed: number; queued: number; inFlight: number };

export type DeliveryWorkerOptions = {
  prisma: PrismaClient;
  config: { keyring: Keyring; allowedEndpoints: AllowedEndpoint[] };
  /** Parallel PutObjects. */
  concurrency?: number;
  /** Unique per process; shows in locked_by. */
  workerId?: string;
  /** Poll interval when idle; doubles up to maxIdleMs while nothing is due. */
  pollMs?: number;
  maxIdleMs?: number;
  leaseMs?: number;
  /** One PutObject, connection included. At most half the lease. */
  attemptTimeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Storage reclaim interval; 0 turns it off. */
  reclaimEveryMs?: number;
  /** How long stop() lets running PutObjects finish before aborting them. */
  stopTimeoutMs?: number;
  onAttempt?: (event: AttemptEvent) => void;
  onClaim?: (tick: ClaimTick) => void;
  log?: DeliveryLog;
  /** Longest wait between two recovery probes of a failing destination (lib/delivery/recovery-probe.ts). */
  probeCapMs?: number;
  /** false: every failed delivery waits out its own backoff (no probe, no release on success). */
  fastRecovery?: boolean;
  /** Jitter source, for tests that need exact waits. */
  random?: () => number;
  /**
   * Who signs and sends the PutObjects (put-object.ts); built with this worker's attempt timeout and
   * closed by stop(). Default: this thread. The production server passes S3 threads (put-threads/).
   */
  putObject?: (settings: { timeoutMs: number }) => PutObjectExecutor;
  /** Batched destinations (batch-worker.ts). */
  batches?: BatchWorkerOptions;
};

export type DeliveryWorkers = { readonly workerId: string; stop(): Promise<void> };

const STOPPED = "delivery worker stopped";

/**
 * Claims due deliveries in batches and writes them to S3 with `concurrency` PutObjects in flight.
 * Results are recorded in batches (OutcomeWriter). Retryable failures wait per the retry policy;
 * failures only the user can fix (credentials, permissions, bucket, region, TLS, blocked endpoint)
 * pause the destination and hand the delivery back without spending its retry budget.
 */
export function startDeliveryWorkers(options: DeliveryWorkerOptions): DeliveryWorkers {
  const worker = new DeliveryWorker(options);
  worker.start();
  return { workerId: worker.workerId, stop: () => worker.stop() };
}

type Queued = ClaimedDelivery & { leaseDeadline: number };

class DeliveryWorker {
  readonly workerId: string;
  private readonly prisma: PrismaClient;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly maxIdleMs: number;
  private readonly leaseMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly destinations: DestinationSettings;
  private readonly putObject: PutObjectExecutor;
  private readonly outcomes: OutcomeWriter;
  private readonly waker = new Waker();
  private readonly log: DeliveryLog;
  private readonly observer: DeliveryObserver;
  private queue: Queued[] = [];
  private inFlight = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];
  private pauses = new Map<string, Promise<unknown>>();
  private waitingForRoom = false;
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private loop: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => {};
  private readonly upkeep: StorageUpkeep;
  private readonly batches: BatchWorker;
  // Batch files are built and sent on this thread (batch-worker.ts), with their own clients.
  private readonly batchClients: S3ClientCache;
  // Retries this process scheduled are picked up on time even while the claim loop idles for
  // longer; other processes' retries are found by polling.
  private readonly retryAlarm = new Alarm(() => this.waker.wake());

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.prisma = options.prisma;
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.pollMs = options.pollMs ?? 250;
    this.maxIdleMs = Math.max(this.pollMs, options.maxIdleMs ?? 1_000);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.attemptTimeoutMs = Math.min(options.attemptTimeoutMs ?? 20_000, this.leaseMs / 2);
    this.policy = retryPolicyWith(options.retryPolicy);
    this.log = options.log ?? defaultDeliveryLog;
    this.observer = new DeliveryObserver(this.prisma, this.policy, this.log, { probeCapMs: options.probeCapMs, fastRecovery: options.fastRecovery });
    this.destinations = new DestinationSettings(this.prisma, options.config.keyring);
    this.putObject = options.putObject
      ? options.putObject({ timeoutMs: this.attemptTimeoutMs })
      : inProcessPutObject({ allowedEndpoints: options.config.allowedEndpoints, timeoutMs: this.attemptTimeoutMs });
    this.outcomes = new OutcomeWriter(this.prisma, this.workerId, this.log);
    this.upkeep = new StorageUpkeep(this.prisma, this.log);
    this.batchClients = new S3ClientCache({ allowedEndpoints: options.config.allowedEndpoints, timeoutMs: this.attemptTimeoutMs });
    const { prisma, workerId, leaseMs, attemptTimeoutMs, policy, destinations, batchClients: clients, log } = this;
    this.batches = new BatchWorker(
      { prisma, workerId, leaseMs, attemptTimeoutMs, policy, destinations, clients, log, random: options.random },
      options.batches,
    );
  }

  start(): void {
    this.unsubscribe = onWorkAvailable(() => this.waker.wake());
    this.upkeep.start(this.options.reclaimEveryMs ?? 30_000);
    this.loop = this.claimLoop();
    this.batches.start();
  }

  /** Stops claiming, lets running writes finish (bounded), records results, releases the rest. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe();
    this.retryAlarm.cancel();
    const upkeepStopped = this.upkeep.stop();
    this.waker.wake();
    await this.loop;
    for (const row of this.queue.splice(0)) this.outcomes.add({ kind: "release", id: row.id });
    if (!(await this.whenIdle(this.options.stopTimeoutMs ?? 10_000))) {
      for (const controller of this.inFlight) controller.abort(STOPPED);
      await this.whenIdle(2_000);
    }
    await Promise.allSettled(this.pauses.values());
    await upkeepStopped;
    await this.batches.stop();
    this.batchClients.close();
    await this.observer.close();
    await this.outcomes.close();
    await this.putObject.close();
  }

  // Keeps up to 2 × concurrency claimed rows queued behind the running writes, and claims again
  // while a concurrency's worth is still queued, so S3 slots never wait on a claim round trip.
  private async claimLoop(): Promise<void> {
    let idleMs = this.pollMs;
    while (!this.stopping) {
      if (!this.wantsMore()) {
        this.waitingForRoom = true;
        await this.waker.wait(this.maxIdleMs);
        this.waitingForRoom = false;
        continue;
      }
      const limit = 2 * this.concurrency - this.queue.length;
      const leaseDeadline = Date.now() + this.leaseMs;
      let claimed: ClaimedDelivery[];
      try {
        claimed = await claimDeliveries(this.prisma, { workerId: this.workerId, limit, leaseMs: this.leaseMs });
      } catch (error) {
        this.log("claiming deliveries failed", { err: error });
        await this.waker.wait(this.maxIdleMs);
        continue;
      }
      for (const row of claimed) this.queue.push({ ...row, leaseDeadline });
      this.dispatch();
      this.options.onClaim?.({ claimed: claimed.length, queued: this.queue.length, inFlight: this.inFlight.size });
      if (claimed.length === limit) {
        idleMs = this.pollMs;
        continue;
      }
      idleMs = claimed.length > 0 ? this.pollMs : Math.min(idleMs * 2, this.maxIdleMs);
      await this.waker.wait(claimed.length > 0 ? this.pollMs : idleMs);
    }
  }

  private wantsMore(): boolean {
    return this.queue.length <= this.concurrency;
  }

  private dispatch(): void {
    while (!this.stopping && this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const row = this.queue.shift() as Queued;
      // Starting only when the attempt (and recording it) fits well inside the lease guarantees no
      // other worker takes the row over while this one still writes it.
      if (Date.now() + this.attemptTimeoutMs + this.leaseMs / 4 > row.leaseDeadline) {
        this.outcomes.add({ kind: "release", id: row.id });
        continue;
      }
      const controller = new AbortController();
      this.inFlight.add(controller);
      void this.attempt(row, controller).finally(() => {
        this.inFlight.delete(controller);
        this.dispatch();
        if (this.waitingForRoom && this.wantsMore()) this.waker.wake();
        if (this.inFlight.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  private async attempt(row: Queued, controller: AbortController): Promise<void> {
    const startedAt = Date.now();
    this.options.onAttempt?.({ phase: "start", deliveryId: row.id, workerId: this.workerId, at: startedAt });
    let outcome: AttemptOutcome;
    try {
      outcome = await this.write(row, controller);
    } catch (error) {
      outcome = await this.failureOutcome(row, error, controller, startedAt);
    }
    this.observer.attempted(row, outcome, startedAt);
    const result = outcome.kind === "failed" ? (outcome.outcome === "dead" ? "dead" : "retry") : outcome.kind;
    this.options.onAttempt?.({
      phase: "end", deliveryId: row.id, workerId: this.workerId, at: Date.now(), startedAt, result,
      ...(outcome.kind === "failed" && { code: outcome.code }),
    });
    this.outcomes.add(outcome);
  }

  private async write(row: Queued, controller: AbortController): Promise<AttemptOutcome> {
    const privacyMode = await decidePrivacyAtWrite(this.prisma, row);
    const target = await this.destinations.get(row.destinationId, row.destinationUpdatedAt);
    const file = { eventText: row.eventText, apiKeyName: row.apiKeyName, privacyMode };
    // Backstop for the client's own timeouts, which only cover connecting and a silent socket.
    const timer = setTimeout(() => controller.abort(new Error("PutObject timed out")), this.attemptTimeoutMs + 1_000);
    try {
      const bytes = await this.putObject.put({ target, key: row.objectKey, file }, controller.signal);
      return { kind: "delivered", id: row.id, bytes };
    } catch (error) {
      // By name: from an S3 thread it arrives as plain data (lib/core/delivery/plain-error.ts).
      if ((error as { name?: unknown } | null)?.name === "InvalidStoredTraceError") {
        return { kind: "failed", id: row.id, outcome: "dead", delayMs: 0, code: "invalid-trace", message: "The stored trace could not be read." };
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async failureOutcome(row: Queued, error: unknown, controller: AbortController, startedAt: number): Promise<AttemptOutcome> {
    const stoppedByUs = controller.signal.aborted && controller.signal.reason === STOPPED;
    const decision = decideFailure(error, { stoppedByUs, attemptTimeoutMs: this.attemptTimeoutMs });
    if (decision.action === "release") return { kind: "release", id: row.id };
    const { code, message } = decision;
    if (decision.action === "pause") {
      this.observer.paused(row, code, startedAt);
      await this.pause(row, { code, message });
      return { kind: "release", id: row.id };
    }
    const plan = planRetry(this.policy, row, new Date(), this.options.random);
    if (plan.kind === "dead") return { kind: "failed", id: row.id, outcome: "dead", delayMs: 0, code, message };
    if (!this.stopping) this.retryAlarm.ringAt(Date.now() + plan.delayMs + 30);
    return { kind: "failed", id: row.id, outcome: "retry", delayMs: plan.delayMs, code, message };
  }

  private async pause(row: Queued, reason: { code: string; message: string }): Promise<void> {
    // Several in-flight writes fail the same way at once; one UPDATE is enough.
    const key = `${row.destinationId}@${row.destinationUpdatedAt.getTime()}`;
    let pausing = this.pauses.get(key);
    if (!pausing) {
      pausing = pauseDestination(this.prisma, row.destinationId, reason, row.destinationUpdatedAt).then((paused) => {
        if (paused) this.log("destination paused until a user resumes it", { destinationId: row.destinationId, code: reason.code });
      }, (error) => {
        this.log("pausing the destination failed", { destinationId: row.destinationId, err: error });
      });
      this.pauses.set(key, pausing);
      void pausing.finally(() => setTimeout(() => this.pauses.delete(key), 1_000).unref());
    }
    await pausing;
    // Rows of this destination waiting here would fail the same way: hand them back too.
    this.queue = this.queue.filter((queued) => {
      if (queued.destinationId !== row.destinationId) return true;
      this.outcomes.add({ kind: "release", id: queued.id });
      return false;
    });
  }

  private whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
