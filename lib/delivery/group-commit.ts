// Group commit: callers that want to store something at about the same time share one transaction.
//
// The first caller after a quiet spell is written at once, alone (no added latency). While that write
// runs, later callers wait in line; when it finishes, everyone waiting goes out together in the next
// write. Under load a write therefore carries as many callers as arrived during the previous one, so
// the fixed cost of a transaction (BEGIN, COMMIT, round trips, on the embedded database an exclusive
// lock held across them) is paid once per batch instead of once per request.
//
// If a batch of several fails, each of its items is retried alone, so one item the database refuses
// cannot fail the others. No I/O here: the write itself is the `commit` function.

export type GroupCommitOptions<T> = {
  /** Writes the batch and returns one result per item, in order. Throwing fails the batch. */
  commit(items: T[]): Promise<unknown[]>;
  /** Upper bound on an item's weight summed over one batch (an item heavier than this goes alone). */
  maxBatchWeight: number;
  /** An item's weight (e.g. its row count); 1 when omitted. */
  weigh?: (item: T) => number;
  /** Batches written at the same time (1 on a database that runs one transaction at a time). */
  maxConcurrent?: number;
};

type Waiting<T> = { item: T; weight: number; resolve(value: unknown): void; reject(error: unknown): void };

export class GroupCommit<T, R> {
  private readonly waiting: Waiting<T>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly maxConcurrent: number;

  constructor(private readonly options: GroupCommitOptions<T>) {
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 1);
  }

  /** Resolves with this item's result once the batch that carried it is committed. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const weight = this.options.weigh?.(item) ?? 1;
      this.waiting.push({ item, weight, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Callers waiting for a batch to start (for tests and diagnostics). */
  get pending(): number {
    return this.waiting.length;
  }

  private pump(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Not now: on the embedded database a whole transaction runs as one chain of microtasks, so
    // requests still being read would never reach the line while it runs. setImmediate lets the
    // event loop take in the I/O that arrived first, and everything it brings joins this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.maxConcurrent && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.running++;
      void this.write(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private takeBatch(): Waiting<T>[] {
    let weight = 0;
    let count = 0;
    for (const entry of this.waiting) {
      if (count > 0 && weight + entry.weight > this.options.maxBatchWeight) break;
      weight += entry.weight;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      settle(batch, await this.commitChecked(batch));
      return;
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Waiting<T>).reject(error);
        return;
      }
    }
    // Isolate the failure: one at a time, so each caller gets its own item's outcome.
    for (const entry of batch) {
      try {
        settle([entry], await this.commitChecked([entry]));
      } catch (error) {
        entry.reject(error);
      }
    }
  }

  private async commitChecked(batch: Waiting<T>[]): Promise<unknown[]> {
    const results = await this.options.commit(batch.map((entry) => entry.item));
    if (results.length !== batch.length) {
      throw new Error(`group commit: ${batch.length} items written but ${results.length} results returned`);
    }
    return results;
  }
}

function settle<T>(batch: Waiting<T>[], results: unknown[]): void {
  batch.forEach((entry, i) => entry.resolve(results[i]));
}
