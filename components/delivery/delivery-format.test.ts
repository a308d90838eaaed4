import { describe, expect, it } from "vitest";
import { currentError, deliveryBadge, describeTestTraceResult, formatBytes, formatCount, formatTimeAgo, formatUtc } from "./delivery-format";

describe("deliveryBadge", () => {
  const on = { isEnabled: true, isBroadcastEnabled: true };
  it.each([
    ["healthy", on, "Healthy", "success"],
    ["retrying", on, "Retrying", "warning"],
    ["paused", on, "Paused", "danger"],
    ["disabled", on, "Disabled", "neutral"],
    [undefined, on, "Active", "success"],
    ["healthy", { ...on, isBroadcastEnabled: false }, "Broadcast off", "neutral"],
    ["retrying", { ...on, isBroadcastEnabled: false }, "Broadcast off", "neutral"],
    // A pause needs the user even while Broadcast is off.
    ["paused", { ...on, isBroadcastEnabled: false }, "Paused", "danger"],
    // The card's own flag wins over a health answer that is a poll behind.
    ["paused", { ...on, isEnabled: false }, "Disabled", "neutral"],
    ["healthy", { ...on, isEnabled: false }, "Disabled", "neutral"],
  ] as const)("%s %o → %s", (status, ctx, label, tone) => {
    expect(deliveryBadge(status, ctx)).toEqual({ label, tone });
  });

  it.each([
    ["healthy", { ...on, deadLetters: 1 }, "Needs attention: 1 dead letter", "danger"],
    ["retrying", { ...on, deadLetters: 1200 }, "Needs attention: 1,200 dead letters", "danger"],
    // Dead letters need the user even while Broadcast is off …
    ["healthy", { ...on, isBroadcastEnabled: false, deadLetters: 3 }, "Needs attention: 3 dead letters", "danger"],
    // … but a pause is the more urgent news, and a disabled destination was the user's choice.
    ["paused", { ...on, deadLetters: 3 }, "Paused", "danger"],
    ["healthy", { ...on, isEnabled: false, deadLetters: 3 }, "Disabled", "neutral"],
    ["healthy", { ...on, deadLetters: 0 }, "Healthy", "success"],
  ] as const)("dead letters: %s %o → %s", (status, ctx, label, tone) => {
    expect(deliveryBadge(status, ctx)).toEqual({ label, tone });
  });
});

describe("currentError", () => {
  const error = { code: "server-error", message: "Internal.", at: "2026-03-01T12:00:00.000Z" };
  it("keeps an error that no success has followed", () => {
    expect(currentError(error, null)).toBe(error);
    expect(currentError(error, "2026-03-01T11:59:59.000Z")).toBe(error);
    expect(currentError(error, error.at)).toBe(error);
  });
  it("drops an error once a later write succeeded", () => {
    expect(currentError(error, "2026-03-01T12:00:00.001Z")).toBeNull();
  });
  it("keeps an undated error (older rows) and passes null through", () => {
    expect(currentError({ ...error, at: null }, "2026-03-01T13:00:00.000Z")).toMatchObject({ code: "server-error" });
    expect(currentError(null, null)).toBeNull();
  });
});

describe("formatBytes", () => {
  it.each([
    [null, "—"],
    [-1, "—"],
    [Number.NaN, "—"],
    [0, "0 B"],
    [1023, "1023 B"],
    [1024, "1.0 KB"],
    [1536, "1.5 KB"],
    [5 * 1024 * 1024, "5.0 MB"],
  ])("%s → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe("formatTimeAgo", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  it.each([
    [null, "Never"],
    ["not a date", "—"],
    [ago(0), "just now"],
    [ago(-3_000), "just now"], // a server clock slightly ahead
    [ago(4_000), "just now"],
    [ago(42_000), "42 s ago"],
    [ago(5 * 60_000), "5 min ago"],
    [ago(3 * 3_600_000), "3 h ago"],
    [ago(47 * 3_600_000), "47 h ago"],
    [ago(3 * 86_400_000), "3 d ago"],
  ])("%s → %s", (iso, text) => expect(formatTimeAgo(iso, now)).toBe(text));
});

describe("formatUtc and formatCount", () => {
  it("formats instants in UTC to the second", () => {
    expect(formatUtc("2026-03-01T12:34:56.789Z")).toBe("2026-03-01 12:34:56 UTC");
    expect(formatUtc(null)).toBe("—");
    expect(formatUtc("nope")).toBe("—");
  });
  it("groups thousands", () => expect(formatCount(1234567)).toBe("1,234,567"));
});

describe("describeTestTraceResult", () => {
  it("shows the key written", () => {
    expect(describeTestTraceResult({ outcome: "delivered", key: "a/b.json", bytes: 2048, attempts: 1 })).toEqual({
      tone: "success",
      title: "Test trace delivered.",
      detail: "2.0 KB, first attempt.",
      key: "a/b.json",
    });
    expect(describeTestTraceResult({ outcome: "delivered", key: "k", bytes: null, attempts: 3 }).detail).toBe("—, 3 attempts.");
  });
  it("explains a pause and a dead letter differently", () => {
    const paused = describeTestTraceResult({ outcome: "failed", key: "k", code: "no-such-bucket", message: "The bucket does not exist.", isPaused: true });
    expect(paused).toMatchObject({ tone: "danger", title: "Test trace not delivered: The bucket does not exist. (no-such-bucket)" });
    expect(paused.detail).toMatch(/paused/);
    const dead = describeTestTraceResult({ outcome: "failed", key: "k", code: "timeout", message: "", isPaused: false });
    expect(dead.title).toContain("unknown error");
    expect(dead.detail).toMatch(/Dead letters/);
  });
  it("says a slow delivery is still going, with its last error if any", () => {
    expect(describeTestTraceResult({ outcome: "queued", key: "k", lastError: null })).toMatchObject({ tone: "warning", title: "Queued, still delivering." });
    const retrying = describeTestTraceResult({ outcome: "queued", key: "k", lastError: { code: "server-error", message: "Internal." } });
    expect(retrying.detail).toContain("Internal. (server-error)");
  });
  it("passes the server's refusal through and names no key", () => {
    expect(describeTestTraceResult({ outcome: "refused", reason: "broadcast-off", message: "Broadcast is off." })).toEqual({
      tone: "danger",
      title: "Nothing was sent.",
      detail: "Broadcast is off.",
      key: null,
    });
  });
});
