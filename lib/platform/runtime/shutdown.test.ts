import { describe, expect, it } from "vitest";
import { isShuttingDown, onShutdown, shutDown, trackInFlight } from "./shutdown";

describe("shutDown", () => {
  it("refuses new work, lets work in flight finish, then runs the stops in order and chooses exit 0", async () => {
    const order: string[] = [];
    let finishCommit: () => void = () => {};
    const commit = trackInFlight(new Promise<void>((resolve) => (finishCommit = resolve)).then(() => void order.push("commit")));
    onShutdown("workers", async (budgetMs) => {
      order.push(`workers(${budgetMs > 0 ? "budget" : "none"})`);
    });
    onShutdown("database", async () => void order.push("database"));
    expect(isShuttingDown()).toBe(false);
    const done = shutDown("SIGTERM", { timeoutMs: 5_000 });
    expect(isShuttingDown()).toBe(true);
    expect(order).toEqual([]);
    finishCommit();
    await commit;
    expect(await done).toBe(0);
    expect(order).toEqual(["commit", "workers(budget)", "database"]);
  });
});
