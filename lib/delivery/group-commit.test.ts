import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** One turn of the event loop: batches start in setImmediate. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A commit function whose writes finish only when the test says so. */
function controlledCommit() {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  let failWhen: (items: string[]) => boolean = () => false;
  const commit = (items: string[]) => {
    batches.push(items);
    return new Promise<unknown[]>((resolve, reject) => {
      finishers.push(() => (failWhen(items) ? reject(new Error(`refused ${items.join(",")}`)) : resolve(items.map((i) => `ok:${i}`))));
    });
  };
  const finishNext = async () => {
    finishers.shift()?.();
    await turn();
  };
  return { batches, commit, finishNext, failOn: (fn: (items: string[]) => boolean) => (failWhen = fn) };
}

describe("GroupCommit", () => {
  it("writes the first item on the next turn, and everything that arrived meanwhile in one batch", async () => {
    const c = controlledCommit();
    const group = new GroupCommit<string, string>({ commit: c.commit, maxBatchWeight: 100 });
    const first = group.add("a");
    expect(c.batches).toEqual([]);
    await turn();
    expect(c.batches).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((x) => group.add(x));
    expect(c.batches).toHaveLength(1);
    expect(group.pending).toBe(3);
    await c.finishNext();
    expect(await first).toBe("ok:a");
    expect(c.batches).toEqual([["a"], ["b", "c", "d"]]);
    await c.finishNext();
    expect(await Promise.all(rest)).toEqual(["ok:b", "ok:c", "ok:d"]);
    expect(group.pending).toBe(0);
  });

  it("caps a batch by weight, and sends an item heavier than the cap alone", async () => {
    const c = controlledCommit();
    const group = new GroupCommit<string, string>({ commit: c.commit, maxBatchWeight: 5, weigh: (s) => s.length });
    const all = [group.add("x"), group.add("aa"), group.add("bbb"), group.add("cccccccc"), group.add("d")];
    await turn();
    for (let i = 0; i < 4; i++) await c.finishNext();
    expect(c.batches).toEqual([["x", "aa"], ["bbb"], ["cccccccc"], ["d"]]);
    expect(await Promise.all(all)).toEqual(["ok:x", "ok:aa", "ok:bbb", "ok:cccccccc", "ok:d"]);
  });

  it("runs up to maxConcurrent batches at a time", async () => {
    const c = controlledCommit();
    const group = new GroupCommit<string, string>({ commit: c.commit, maxBatchWeight: 100, maxConcurrent: 2 });
    void group.add("a");
    await turn();
    void group.add("b");
    await turn();
    void group.add("c");
    await turn();
    expect(c.batches).toEqual([["a"], ["b"]]);
    await c.finishNext();
    expect(c.batches).toEqual([["a"], ["b"], ["c"]]);
  });

  it("retries a failed batch item by item, so only the refused item fails", async () => {
    const c = controlledCommit();
    c.failOn((items) => items.includes("bad"));
    const group = new GroupCommit<string, string>({ commit: c.commit, maxBatchWeight: 100 });
    const first = group.add("first");
    await turn();
    const good = group.add("good");
    const bad = group.add("bad").catch((error: Error) => error);
    const late = group.add("late");
    await c.finishNext(); // "first"
    await c.finishNext(); // good,bad,late fails as a whole
    await c.finishNext(); // good alone
    await c.finishNext(); // bad alone
    await c.finishNext(); // late alone
    expect(c.batches).toEqual([["first"], ["good", "bad", "late"], ["good"], ["bad"], ["late"]]);
    expect(await first).toBe("ok:first");
    expect(await good).toBe("ok:good");
    expect(await bad).toEqual(new Error("refused bad"));
    expect(await late).toBe("ok:late");
  });

  it("fails every caller when the commit returns the wrong number of results", async () => {
    const group = new GroupCommit<string, string>({ commit: async () => [], maxBatchWeight: 100 });
    await expect(group.add("a")).rejects.toThrow("1 items written but 0 results returned");
  });
});

describe("GroupCommit under a synchronous-looking database", () => {
  it("batches callers whose requests arrive while a commit runs as one chain of microtasks", async () => {
    // Like PGlite: the commit never yields to the event loop. Callers arrive from I/O callbacks (here
    // timers), so without the setImmediate hand-off every caller would be committed alone.
    const batches: number[] = [];
    const group = new GroupCommit<number, number>({
      commit: async (items) => {
        batches.push(items.length);
        const until = Date.now() + 5;
        while (Date.now() < until); // CPU-bound, like WebAssembly running the transaction
        return items;
      },
      maxBatchWeight: 1_000,
    });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => new Promise<number>((resolve) => setTimeout(() => resolve(group.add(i)), i % 4))));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(40);
    expect(batches.length).toBeLessThan(10);
  });
});
