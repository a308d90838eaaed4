import { afterAll, describe, expect, it, vi } from "vitest";
import { TEST_ENCRYPTION_KEY } from "@/tests/delivery/delivery-fixtures";

vi.mock("server-only", () => ({}));

// The real process-wide wiring: configuration from the environment, the shared database handle.
const saved = { ...process.env };
process.env.BROADCAST_DATA_DIR = "memory://";
process.env.BROADCAST_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
delete process.env.DATABASE_URL;
delete process.env.BROADCAST_DELIVERY_CONCURRENCY;

const { getDatabase } = await import("@/lib/platform/db/client");
const { ensureDeliveryWorkersStarted, notifyWorkAvailable } = await import("./start-in-process");

describe("ensureDeliveryWorkersStarted", () => {
  afterAll(async () => {
    await (await ensureDeliveryWorkersStarted())?.stop();
    await (await getDatabase()).close();
    for (const name of ["BROADCAST_DATA_DIR", "BROADCAST_ENCRYPTION_KEY", "DATABASE_URL", "BROADCAST_DELIVERY_CONCURRENCY"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("starts one set of workers per process, however often it is called", async () => {
    const [a, b] = await Promise.all([
      ensureDeliveryWorkersStarted({ handleSignals: false }),
      ensureDeliveryWorkersStarted({ handleSignals: false }),
    ]);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(await ensureDeliveryWorkersStarted()).toBe(a);
    expect(a?.workerId).toMatch(/:\d+:/);
    expect(() => notifyWorkAvailable()).not.toThrow();
  });
});
