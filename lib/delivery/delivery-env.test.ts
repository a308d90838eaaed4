import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/platform/env/env";
import { readDeliveryEnv } from "./delivery-env";

describe("readDeliveryEnv", () => {
  it("defaults to 16 parallel writes and a 24 h horizon", () => {
    expect(readDeliveryEnv(parseEnv({}))).toEqual({ concurrency: 16, retryHorizonMs: 24 * 3_600_000 });
    expect(readDeliveryEnv(parseEnv({ BROADCAST_DELIVERY_CONCURRENCY: " ", BROADCAST_RETRY_HORIZON_HOURS: "" }))).toEqual({
      concurrency: 16,
      retryHorizonMs: 24 * 3_600_000,
    });
  });

  it("reads both variables", () => {
    expect(readDeliveryEnv(parseEnv({ BROADCAST_DELIVERY_CONCURRENCY: "32", BROADCAST_RETRY_HORIZON_HOURS: "0.5" }))).toEqual({
      concurrency: 32,
      retryHorizonMs: 1_800_000,
    });
    expect(readDeliveryEnv(parseEnv({ BROADCAST_DELIVERY_CONCURRENCY: "0" })).concurrency).toBe(0);
  });

  it("refuses bad values with the variable's name", () => {
    for (const bad of ["-1", "1.5", "65", "many"]) {
      expect(() => readDeliveryEnv(parseEnv({ BROADCAST_DELIVERY_CONCURRENCY: bad }))).toThrow(/BROADCAST_DELIVERY_CONCURRENCY/);
    }
    for (const bad of ["0", "-2", "721", "a day"]) {
      expect(() => readDeliveryEnv(parseEnv({ BROADCAST_RETRY_HORIZON_HOURS: bad }))).toThrow(/BROADCAST_RETRY_HORIZON_HOURS/);
    }
  });
});
