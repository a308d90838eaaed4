import { PATH_TEMPLATE_VARIABLES, type PathTemplateVariable } from "./path-template";

// What the Path Template field shows while a person types. Typing "{" is the start of a variable,
// not a mistake: while the caret sits right after an unclosed "{", the field offers the variables
// instead of flashing "Unbalanced braces"; the error is reported once they move on or save.

export type TemplateTyping =
  | { kind: "idle" }
  /** `start` is the index of the "{"; `partial` what follows it up to the caret. */
  | { kind: "choosing-variable"; start: number; partial: string; candidates: PathTemplateVariable[] };

const IDLE: TemplateTyping = { kind: "idle" };

export function templateTypingAt(template: string, caret: number): TemplateTyping {
  if (caret < 0 || caret > template.length) return IDLE;
  const before = template.slice(0, caret);
  const start = before.lastIndexOf("{");
  if (start === -1) return IDLE;
  const partial = before.slice(start + 1);
  if (/[{}/]/.test(partial)) return IDLE;
  // Editing inside a brace that is already closed ("{da|te}") is not an unclosed one.
  const after = template.slice(caret);
  const closeAt = after.search(/[{}/]/);
  if (closeAt !== -1 && after[closeAt] === "}") return IDLE;
  const lower = partial.toLowerCase();
  const candidates = PATH_TEMPLATE_VARIABLES.filter((name) => name.toLowerCase().startsWith(lower));
  return { kind: "choosing-variable", start, partial, candidates };
}

/** The template with `{partial` replaced by `{variable}`, and where the caret goes next. */
export function completeVariable(
  template: string,
  caret: number,
  typing: Extract<TemplateTyping, { kind: "choosing-variable" }>,
  variable: PathTemplateVariable,
): { value: string; caret: number } {
  const inserted = `{${variable}}`;
  return { value: template.slice(0, typing.start) + inserted + template.slice(caret), caret: typing.start + inserted.length };
}

/**
 * Characters that S3 accepts but many tools quote badly (shell globs, `aws s3` URLs, Athena
 * locations): spaces and anything outside ASCII. A warning, not an error: the keys still work.
 */
export function templateWarnings(values: { pathTemplate: string; prefix: string }): Array<{ field: "pathTemplate" | "prefix"; message: string }> {
  const warnings: Array<{ field: "pathTemplate" | "prefix"; message: string }> = [];
  for (const [field, label] of [
    ["pathTemplate", "The template"],
    ["prefix", "The prefix"],
  ] as const) {
    const text = values[field];
    if (text.includes(" ")) warnings.push({ field, message: `${label} contains spaces, which many tools quote badly in S3 paths; consider "-" or "_".` });
    if (/[^\x00-\x7f]/.test(text)) warnings.push({ field, message: `${label} contains non-ASCII characters, which some tools mangle in S3 paths.` });
  }
  return warnings;
}
