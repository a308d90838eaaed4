import { describe, expect, it } from "vitest";
import { parseServerArgs } from "./server-args";

describe("parseServerArgs", () => {
  it("takes next start's -p/-H in both spellings, else PORT, else 3000 on all addresses", () => {
    expect(parseServerArgs(["-p", "4000", "-H", "127.0.0.1"], {})).toEqual({ port: 4000, hostname: "127.0.0.1" });
    expect(parseServerArgs(["--port=4001", "--hostname=::1"], {})).toEqual({ port: 4001, hostname: "::1" });
    expect(parseServerArgs([], { PORT: "5000" })).toEqual({ port: 5000, hostname: undefined });
    expect(parseServerArgs([], {})).toEqual({ port: 3000, hostname: undefined });
  });

  it("refuses unknown options and bad ports", () => {
    expect(() => parseServerArgs(["--turbo"], {})).toThrow(/unknown option --turbo/);
    expect(() => parseServerArgs(["-p", "http"], {})).toThrow(/whole number/);
    expect(() => parseServerArgs(["-p", "70000"], {})).toThrow(/whole number/);
  });
});
