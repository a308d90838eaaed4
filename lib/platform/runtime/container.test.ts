import { afterEach, describe, expect, it } from "vitest";
import { resetRuntime, runtimeSlot } from "./container";

afterEach(resetRuntime);

describe("runtimeSlot", () => {
  it("creates a value once and shares it with every slot of the same name", () => {
    let created = 0;
    const first = runtimeSlot("test.counter", () => ({ n: ++created }));
    // A second module graph declares the same slot again: it must see the same value.
    const second = runtimeSlot("test.counter", () => ({ n: ++created }));
    expect(first.get()).toBe(second.get());
    expect(created).toBe(1);
  });

  it("creates again after clear() or resetRuntime()", () => {
    let created = 0;
    const slot = runtimeSlot("test.value", () => ++created);
    expect(slot.get()).toBe(1);
    slot.clear();
    expect(slot.get()).toBe(2);
    resetRuntime();
    expect(slot.get()).toBe(3);
  });
});
