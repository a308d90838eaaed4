import { afterEach, describe, expect, it, vi } from "vitest";
import { Alarm, Waker } from "./waker";

afterEach(() => {
  vi.useRealTimers();
});

describe("Waker", () => {
  it("sleeps until woken or until the timeout", async () => {
    vi.useFakeTimers();
    const waker = new Waker();
    let done = false;
    void waker.wait(1_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);

    done = false;
    void waker.wait(1_000).then(() => (done = true));
    waker.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("remembers a wake-up that came while nobody slept", async () => {
    const waker = new Waker();
    waker.wake();
    const started = Date.now();
    await waker.wait(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("Alarm", () => {
  it("rings at each time it was set to, earliest first", async () => {
    vi.useFakeTimers({ now: 0 });
    const rings: number[] = [];
    const alarm = new Alarm(() => rings.push(Date.now()));
    alarm.ringAt(300);
    alarm.ringAt(100);
    alarm.ringAt(200);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rings).toEqual([100, 200, 300]);
    alarm.ringAt(1_500);
    alarm.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rings).toHaveLength(3);
  });
});
