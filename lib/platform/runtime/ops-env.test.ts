import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/platform/env/env";
import { readOpsEnv } from "./ops-env";

describe("readOpsEnv", () => {
  it("defaults: open metrics, 10 s shutdown", () => {
    expect(readOpsEnv(parseEnv({}))).toEqual({ metricsToken: null, shutdownTimeoutMs: 10_000 });
  });
  it("reads a token and a timeout", () => {
    expect(readOpsEnv(parseEnv({ BROADCAST_METRICS_TOKEN: " 0123456789abcdef0123 ", BROADCAST_SHUTDOWN_TIMEOUT_MS: "25000" }))).toEqual({
      metricsToken: "0123456789abcdef0123",
      shutdownTimeoutMs: 25_000,
    });
  });
  it("refuses a short token and a bad timeout, naming the variable", () => {
    expect(() => parseEnv({ BROADCAST_METRICS_TOKEN: "short" })).toThrow(/BROADCAST_METRICS_TOKEN/);
    for (const bad of ["abc", "-5", "500", "1.5", "99999999"]) {
      expect(() => parseEnv({ BROADCAST_SHUTDOWN_TIMEOUT_MS: bad })).toThrow(/BROADCAST_SHUTDOWN_TIMEOUT_MS/);
    }
  });
});
