import { describe, expect, it } from "vitest";
import { findJsonProblem, MAX_JSON_DEPTH, MAX_STRING_BYTES, utf8ByteLength } from "./json-guard";

function nestedArrays(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("findJsonProblem", () => {
  it("accepts ordinary JSON values, including scalars and null", () => {
    for (const value of [null, true, 0, -1.5, "", "text", [], {}, { messages: [{ role: "user", content: "hi" }] }]) {
      expect(findJsonProblem(value)).toBeNull();
    }
  });

  it("allows exactly MAX_JSON_DEPTH nested containers and rejects one more", () => {
    expect(findJsonProblem(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
    const problem = findJsonProblem(nestedArrays(MAX_JSON_DEPTH + 1));
    expect(problem?.message).toBe(`must be nested at most ${MAX_JSON_DEPTH} levels deep`);
    expect(problem?.path).toEqual(new Array(MAX_JSON_DEPTH).fill(0));
  });

  it("counts objects and arrays alike and reports the path into objects", () => {
    let value: unknown = 1;
    for (let i = 0; i < 65; i++) value = i % 2 ? { k: value } : [value];
    expect(findJsonProblem(value)?.message).toBe("must be nested at most 64 levels deep");
    expect(findJsonProblem({ a: { b: [nestedArrays(62)] } })).toEqual({
      path: ["a", "b", 0, ...new Array(61).fill(0)],
      message: "must be nested at most 64 levels deep",
    });
  });

  it("survives absurd nesting without a stack overflow", () => {
    expect(findJsonProblem(nestedArrays(200_000))?.message).toBe("must be nested at most 64 levels deep");
    expect(findJsonProblem(JSON.parse("[".repeat(100_000) + "]".repeat(100_000)))).not.toBeNull();
  });

  it("terminates on cyclic structures built by JS callers", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(findJsonProblem(cyclic)?.message).toBe("must be nested at most 64 levels deep");
  });

  it("limits every string, values and keys, to 256 KiB of UTF-8", () => {
    expect(findJsonProblem({ a: "x".repeat(MAX_STRING_BYTES) })).toBeNull();
    expect(findJsonProblem({ a: ["ok", "x".repeat(MAX_STRING_BYTES + 1)] })).toEqual({
      path: ["a", 1],
      message: "string must be at most 256 KiB",
    });
    // 3 bytes per character: fewer characters than the limit, more bytes.
    expect(findJsonProblem("€".repeat(MAX_STRING_BYTES / 2))?.message).toBe("string must be at most 256 KiB");
    expect(findJsonProblem({ ["k".repeat(MAX_STRING_BYTES + 1)]: 1 })).toEqual({
      path: [],
      message: "object key must be at most 256 KiB",
    });
  });

  it("rejects values JSON cannot carry", () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      expect(findJsonProblem({ n: value })?.message).toBe("expected a finite number");
    }
    for (const value of [() => 1, Symbol("s"), 10n, new Date(0), new Map(), [undefined]]) {
      expect(findJsonProblem({ v: value })?.message).toBe("expected a JSON value");
    }
  });

  it("refuses keys that reach a prototype, at any depth, naming the key", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(findJsonProblem(JSON.parse(`{"a":[{"${key}":1}]}`))).toEqual({ path: ["a", 0, key], message: "reserved key" });
    }
    expect(findJsonProblem({ role: "constructor", Constructor: 1, proto: 2 })).toBeNull();
  });

  it("skips undefined object properties, which JSON.stringify drops anyway", () => {
    expect(findJsonProblem({ a: undefined, b: 1 })).toBeNull();
  });

  it("reports the first problem in document order", () => {
    expect(findJsonProblem([1, "x".repeat(MAX_STRING_BYTES + 1), NaN])?.path).toEqual([1]);
  });
});

describe("utf8ByteLength", () => {
  it("counts UTF-8 bytes for long strings", () => {
    const n = MAX_STRING_BYTES;
    expect(utf8ByteLength("a".repeat(n))).toBe(n);
    expect(utf8ByteLength("é".repeat(n))).toBe(2 * n);
    expect(utf8ByteLength("€".repeat(n))).toBe(3 * n);
    expect(utf8ByteLength("😀".repeat(n))).toBe(4 * n);
    expect(utf8ByteLength("\ud800".repeat(n))).toBe(3 * n); // lone surrogates encode as U+FFFD
    expect(utf8ByteLength("😀".repeat(n))).toBe(Buffer.byteLength("😀".repeat(n)));
  });
});
