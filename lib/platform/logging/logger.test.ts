import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { parseEnv } from "@/lib/platform/env/env";
import { readLogSettings } from "./log-options";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("logger", () => {
  it("writes one JSON object a line with level, time, msg and context ids", () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: "info", format: "json" }, stream);
    log.child({ destinationId: "d-1", deliveryId: "x-2" }).warn({ requestId: "r-3" }, "destination paused");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({ level: "warn", msg: "destination paused", destinationId: "d-1", deliveryId: "x-2", requestId: "r-3" });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it("never writes secret or trace-content fields, at the top or nested", () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: "info", format: "json" }, stream);
    log.info(
      {
        secretAccessKey: "wJalrXUtnFEMI-secret", authorization: "Bearer brd_live_abc",
        destination: { sessionToken: "tok-123", accessKeyId: "AKIAEXAMPLE" },
        trace: { input: { messages: [{ content: "my private prompt" }] }, output: "the completion" },
      },
      "saving",
    );
    const text = lines.join("\n");
    for (const secret of ["wJalrXUtnFEMI-secret", "brd_live_abc", "tok-123", "AKIAEXAMPLE", "my private prompt", "the completion"]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(lines[0] as string).destination.sessionToken).toBe("[redacted]");
  });

  it("logs errors by type, message and code only (no stack, no cause)", () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: "info", format: "json" }, stream);
    const error = Object.assign(new Error("connect ECONNREFUSED", { cause: new Error("inner body") }), { code: "ECONNREFUSED" });
    log.error({ err: error }, "claiming failed");
    expect(JSON.parse(lines[0] as string).err).toEqual({ type: "Error", message: "connect ECONNREFUSED", code: "ECONNREFUSED" });
    expect(lines[0]).not.toContain("inner body");
  });

  it("honours the level and refuses unknown settings", () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: "warn", format: "json" }, stream);
    log.info("hidden");
    log.warn("shown");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["shown"]);
    expect(readLogSettings(parseEnv({}))).toEqual({ level: "info", format: "json" });
    expect(readLogSettings(parseEnv({ BROADCAST_LOG_LEVEL: "DEBUG", BROADCAST_LOG_FORMAT: "pretty" }))).toEqual({ level: "debug", format: "pretty" });
    expect(() => parseEnv({ BROADCAST_LOG_LEVEL: "loud" })).toThrow(/BROADCAST_LOG_LEVEL/);
    expect(() => parseEnv({ BROADCAST_LOG_FORMAT: "xml" })).toThrow(/BROADCAST_LOG_FORMAT/);
  });
});
