import { expect } from "vitest";

/** Every line is one JSON object with level, time and msg, and none holds any of `forbidden`. */
export function expectSafeJsonLogs(lines: string[], forbidden: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`not a JSON log line: ${line}`);
    }
    expect(typeof parsed.level, line).toBe("string");
    expect(typeof parsed.msg, line).toBe("string");
    expect(Number.isNaN(Date.parse(String(parsed.time))), line).toBe(false);
    for (const secret of forbidden) expect(line, "a log line holds a secret or prompt text").not.toContain(secret);
  }
}
