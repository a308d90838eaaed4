import { RE2JS, RE2JSException } from "re2js";

/**
 * Filter-rule regular expressions run on RE2 (re2js, pure JavaScript, so "Try rules" in the
 * browser and routing on the server use the same engine). RE2 has no backtracking: `(a+)+$`
 * runs in time linear in the input, and backreferences and lookarounds are syntax errors.
 * Linear still means pattern size × input length, so both are bounded: the pattern here, the
 * text a regex looks at in the evaluator (MAX_REGEX_SUBJECT_CHARS).
 */

export const MAX_REGEX_LENGTH = 256;
/**
 * RE2's own cost measure (about one instruction per character or class; `[ab]{100}` is ~102).
 * Typical rules stay under 40. With the subject cap, the worst case we measured (a pattern
 * built to defeat RE2's DFA cache, on input built against it) is ~0.6 s per 32 Ki characters; real rules take microseconds.
 */
export const MAX_REGEX_PROGRAM_SIZE = 120;
/** A regex looks at this many characters from the start of the text (contains & co. see all of it). */
export const MAX_REGEX_SUBJECT_CHARS = 32 * 1024;

export type CompiledRegex = { test(text: string): boolean };
export type RegexCompileResult = { ok: true; regex: CompiledRegex } | { ok: false; message: string };

// Rules are evaluated for every accepted trace; compiling once per pattern keeps that cheap.
// Bounded so a stream of distinct patterns (the rule builder, typing) cannot grow it forever.
const CACHE_LIMIT = 256;
const cache = new Map<string, RegexCompileResult>();

function compile(pattern: string): RegexCompileResult {
  if (pattern.length === 0) return { ok: false, message: "Enter a regular expression." };
  if (pattern.length > MAX_REGEX_LENGTH) {
    return { ok: false, message: `Regular expression must be at most ${MAX_REGEX_LENGTH} characters.` };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    // re2js says "error parsing regexp: <what>: `<where>`"; the prefix adds nothing for a person.
    const detail = error.message.replace(/^error parsing regexp: /, "");
    return { ok: false, message: `Invalid regular expression (RE2 syntax): ${detail}.` };
  }
  if (re.programSize() > MAX_REGEX_PROGRAM_SIZE) {
    return { ok: false, message: "Regular expression is too complex; use fewer or smaller repetitions." };
  }
  return { ok: true, regex: { test: (text) => re.test(text) } };
}

export function compileSafeRegex(pattern: string): RegexCompileResult {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const result = compile(pattern);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(pattern, result);
  return result;
}
