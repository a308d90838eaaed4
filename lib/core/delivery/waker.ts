/**
 * A sleep that can be cut short. A wake() that arrives while nobody sleeps is remembered, so a
 * notification sent during a claim round trip still makes the next wait return at once.
 */
export class Waker {
  private wakeSleeper: (() => void) | null = null;
  private woken = false;

  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.woken = true;
  }

  wait(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}

/**
 * Rings at the earliest of the times it was set to, then at the next one, and so on; used to wake
 * the claim loop exactly when a retry this process scheduled becomes due.
 */
export class Alarm {
  private times: number[] = [];
  private armed: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly ring: () => void) {}

  ringAt(at: number): void {
    this.times.push(at);
    this.times.sort((a, b) => a - b);
    this.arm();
  }

  cancel(): void {
    if (this.armed) clearTimeout(this.armed.timer);
    this.armed = null;
    this.times = [];
  }

  private arm(): void {
    const next = this.times[0];
    if (next === undefined || (this.armed && this.armed.at <= next)) return;
    if (this.armed) clearTimeout(this.armed.timer);
    const timer = setTimeout(() => {
      this.armed = null;
      const now = Date.now();
      this.times = this.times.filter((at) => at > now);
      this.ring();
      this.arm();
    }, Math.max(0, next - Date.now()));
    timer.unref();
    this.armed = { at: next, timer };
  }
}
