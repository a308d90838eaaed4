import { z } from "zod";

/**
 * The one abuse guard for every free-form value of every ingest format (a trace event's input,
 * output, usage extras and trace metadata; any format added later uses it too): depth, string size
 * and forbidden keys. The walk is iterative: a recursive walk (or zod's own recursive z.json(), or
 * JSON.stringify inside the enqueue transaction) can be driven into a stack overflow by a body of a
 * few hundred KB of "[[[[...". Limits are generous for real prompts but stop values Athena and the
 * AWS console would choke on. Running at validation, it refuses a bad request before it joins a
 * group commit, where it would fail the shared transaction for its batch-mates.
 */

export const MAX_JSON_DEPTH = 64;
export const MAX_STRING_BYTES = 256 * 1024;

/**
 * Keys that reach an object's prototype when a value is copied by assignment (zod's loose objects,
 * object spreads in mappers, downstream tools): refused anywhere in a free-form value.
 */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export type JsonProblem = { path: (string | number)[]; message: string };

type Frame = { value: unknown; depth: number; parent: Frame | null; key: string | number | null };

/** UTF-8 length without Buffer/TextEncoder allocations; short strings skip the count. */
export function utf8ByteLength(value: string): number {
  if (value.length * 3 <= MAX_STRING_BYTES) return value.length; // cannot exceed the limit anyway
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.push(f.key);
  return path.reverse();
}

function tooLong(value: string): boolean {
  return utf8ByteLength(value) > MAX_STRING_BYTES;
}

/**
 * Returns the first problem found, or null. Depth counts containers: `1` is depth 0,
 * `[1]` is depth 1, so MAX_JSON_DEPTH nested arrays pass and one more fails.
 */
export function findJsonProblem(root: unknown): JsonProblem | null {
  const stack: Frame[] = [{ value: root, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    if (value === null || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return { path: pathOf(frame), message: "expected a finite number" };
      continue;
    }
    if (typeof value === "string") {
      if (tooLong(value)) return { path: pathOf(frame), message: "string must be at most 256 KiB" };
      continue;
    }
    if (typeof value !== "object" || (!Array.isArray(value) && !isPlainObject(value))) {
      return { path: pathOf(frame), message: "expected a JSON value" };
    }
    const depth = frame.depth + 1;
    if (depth > MAX_JSON_DEPTH) {
      return { path: pathOf(frame), message: `must be nested at most ${MAX_JSON_DEPTH} levels deep` };
    }
    if (Array.isArray(value)) {
      // Reverse push keeps the reported problem the first one in document order.
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth, parent: frame, key: i });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (tooLong(key)) return { path: pathOf(frame), message: "object key must be at most 256 KiB" };
      if (FORBIDDEN_JSON_KEYS.has(key)) return { path: [...pathOf(frame), key], message: "reserved key" };
      // JSON.stringify drops undefined properties, so JS callers building events may leave them in.
      if (value[key] === undefined) continue;
      stack.push({ value: value[key], depth, parent: frame, key });
    }
  }
  return null;
}

/** Adds at most one issue per value so a hostile body cannot produce a flood of errors. */
export function checkJsonValue(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (value === undefined) return; // an absent field; the schema decides whether that is allowed
  const problem = findJsonProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
}

/** Any JSON value or absent, validated without recursion. */
export const guardedJsonSchema = z.unknown().superRefine(checkJsonValue);

/**
 * A free-form object with some named fields, guarded before the object parser sees it (zod copies
 * loose keys by assignment, so an own "__proto__" would otherwise become the prototype). A preprocess
 * step rather than a pipe from z.unknown(), so the published JSON Schema still shows `schema`.
 */
export function guardedObject<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    checkJsonValue(value, ctx);
    return value;
  }, schema);
}
