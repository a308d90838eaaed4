import { describe, expect, it } from "vitest";
import {
  apiKeyNameInPaths,
  DEFAULT_PATH_TEMPLATE,
  DEFAULT_PREFIX,
  MAX_FILE_NAME_BYTES,
  MAX_OBJECT_KEY_BYTES,
  renderPathTemplate,
  validatePathTemplate,
  type TemplateIssue,
} from "@/lib/core/object-keys/path-template";

const date = new Date("2026-11-27T23:30:00Z");
const render = (template: string, prefix = DEFAULT_PREFIX, apiKeyName = "prod") =>
  renderPathTemplate(template, { prefix, date, apiKeyName });
const codes = (issues: TemplateIssue[]) => issues.map((i) => `${i.field}:${i.code}`);

describe("MAX_FILE_NAME_BYTES", () => {
  it("budgets the file name for a 128-char trace id, an 11-digit timestamp and the 32-hex suffix", () => {
    const worst = `/${"t".repeat(128)}-${"9".repeat(11)}-${"f".repeat(32)}.json`;
    expect(MAX_FILE_NAME_BYTES).toBe(worst.length);
  });
});

describe("renderPathTemplate", () => {
  it("renders the default template", () => {
    expect(render(DEFAULT_PATH_TEMPLATE)).toEqual({ ok: true, path: "openrouter-traces/2026-11-27" });
  });

  it("treats an empty or blank template as the default", () => {
    expect(render("")).toEqual({ ok: true, path: "openrouter-traces/2026-11-27" });
    expect(render("   ")).toEqual({ ok: true, path: "openrouter-traces/2026-11-27" });
  });

  it("fills every variable", () => {
    const result = render("{prefix}/{year}/{month}/{day}/{apiKeyName}/{date}", "team/traces", "production-app");
    expect(result).toEqual({ ok: true, path: "team/traces/2026/11/27/production-app/2026-11-27" });
  });

  it("uses UTC, not local time", () => {
    const late = new Date("2026-01-01T00:30:00+02:00"); // still Dec 31 in UTC
    expect(renderPathTemplate("{date}", { prefix: "", date: late, apiKeyName: "k" })).toEqual({
      ok: true,
      path: "2025-12-31",
    });
  });

  it("zero-pads month and day", () => {
    const early = new Date("2026-03-05T12:00:00Z");
    expect(renderPathTemplate("{year}-{month}-{day}", { prefix: "", date: early, apiKeyName: "k" })).toEqual({
      ok: true,
      path: "2026-03-05",
    });
  });

  it("passes the API key name through safeKeySegment", () => {
    const result = render("k/{apiKeyName}", DEFAULT_PREFIX, "../My Key/é");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const segment = result.path.slice(2);
    expect(segment).not.toContain("/");
    expect(segment).not.toContain("..");
    expect(segment).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });

  it("strips one trailing slash", () => {
    expect(render("logs/{date}/")).toEqual({ ok: true, path: "logs/2026-11-27" });
  });

  it("keeps literal text, including non-ASCII", () => {
    expect(render("trâces v1/{date}")).toEqual({ ok: true, path: "trâces v1/2026-11-27" });
  });

  it("refuses to render an invalid template", () => {
    const result = render("{foo}/{date}");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(codes(result.issues)).toEqual(["pathTemplate:unknown-variable"]);
  });

  it("throws on an invalid date, which is a programming error", () => {
    expect(() => renderPathTemplate("{date}", { prefix: "", date: new Date("nope"), apiKeyName: "k" })).toThrow(
      RangeError,
    );
  });
});

describe("validatePathTemplate", () => {
  it("accepts good templates", () => {
    expect(validatePathTemplate(DEFAULT_PATH_TEMPLATE, DEFAULT_PREFIX)).toEqual([]);
    expect(validatePathTemplate("{prefix}/{year}/{month}/{day}/{apiKeyName}", "team/traces")).toEqual([]);
    expect(validatePathTemplate("", DEFAULT_PREFIX)).toEqual([]);
    expect(validatePathTemplate("x.{date}..y/.hidden", DEFAULT_PREFIX)).toEqual([]);
  });

  it("names unknown variables and lists the valid ones", () => {
    expect(validatePathTemplate("logs/{foo}", "p")).toEqual([
      {
        code: "unknown-variable",
        field: "pathTemplate",
        message: "Unknown variable {foo}. Use {prefix}, {date}, {year}, {month}, {day} or {apiKeyName}.",
      },
    ]);
  });

  it("hints at case mistakes", () => {
    const [issue] = validatePathTemplate("logs/{Date}", "p");
    expect(issue?.message).toBe("Unknown variable {Date}. Variable names are case-sensitive: did you mean {date}?");
  });

  it("reports an empty variable", () => {
    expect(codes(validatePathTemplate("logs/{}", "p"))).toEqual(["pathTemplate:unknown-variable"]);
  });

  it("reports a repeated unknown variable once", () => {
    expect(validatePathTemplate("{foo}/{foo}", "p")).toHaveLength(1);
  });

  it("reports an unclosed brace with its 1-based position", () => {
    expect(validatePathTemplate("openrouter/{date", "p")).toEqual([
      {
        code: "unbalanced-braces",
        field: "pathTemplate",
        message: 'Unbalanced braces: "{" at position 12 is never closed.',
      },
    ]);
  });

  it("reports a stray closing brace", () => {
    expect(validatePathTemplate("logs/date}", "p")).toEqual([
      {
        code: "unbalanced-braces",
        field: "pathTemplate",
        message: 'Unbalanced braces: "}" at position 10 has no matching "{".',
      },
    ]);
  });

  it("reports a brace opened inside a variable and still reads the inner variable", () => {
    const issues = validatePathTemplate("a/{da{date}", "p");
    expect(issues.map((i) => i.message)).toEqual(['Unbalanced braces: "{" at position 3 is never closed.']);
  });

  it("rejects a leading slash", () => {
    expect(validatePathTemplate("/logs/{date}", "p")).toEqual([
      { code: "leading-slash", field: "pathTemplate", message: 'The path must not start with "/".' },
    ]);
    expect(codes(validatePathTemplate("/", "p"))).toEqual(["pathTemplate:leading-slash"]);
  });

  it("rejects empty segments", () => {
    expect(validatePathTemplate("logs//{date}", "p")).toEqual([
      { code: "empty-segment", field: "pathTemplate", message: 'Empty path segment ("//").' },
    ]);
    expect(codes(validatePathTemplate("logs//", "p"))).toEqual(["pathTemplate:empty-segment"]);
  });

  it('rejects ".." and "." segments', () => {
    expect(validatePathTemplate("logs/../{date}", "p")).toEqual([
      { code: "dot-segment", field: "pathTemplate", message: '".." is not allowed as a path segment.' },
    ]);
    expect(codes(validatePathTemplate("./{date}", "p"))).toEqual(["pathTemplate:dot-segment"]);
    expect(codes(validatePathTemplate("{date}/..", "p"))).toEqual(["pathTemplate:dot-segment"]);
  });

  it("rejects control characters and backslashes", () => {
    expect(codes(validatePathTemplate("logs\t/{date}", "p"))).toEqual(["pathTemplate:invalid-character"]);
    expect(codes(validatePathTemplate("logs\n{date}", "p"))).toEqual(["pathTemplate:invalid-character"]);
    expect(codes(validatePathTemplate("logs\u007f", "p"))).toEqual(["pathTemplate:invalid-character"]);
    expect(validatePathTemplate("logs\\{date}", "p")).toEqual([
      {
        code: "invalid-character",
        field: "pathTemplate",
        message: 'Backslashes ("\\") are not allowed; use "/" to separate folders.',
      },
    ]);
  });

  it("flags all issues at once", () => {
    const issues = validatePathTemplate("/a//../{foo}/{bar\\", "p");
    expect(codes(issues).sort()).toEqual(
      [
        "pathTemplate:leading-slash",
        "pathTemplate:empty-segment",
        "pathTemplate:dot-segment",
        "pathTemplate:unknown-variable",
        "pathTemplate:unbalanced-braces",
        "pathTemplate:invalid-character",
      ].sort(),
    );
  });

  describe("too-long", () => {
    // Worst case: literal bytes + MAX_FILE_NAME_BYTES must fit in 1024.
    const fits = MAX_OBJECT_KEY_BYTES - MAX_FILE_NAME_BYTES;

    it("accepts a template exactly at the limit", () => {
      expect(validatePathTemplate("a".repeat(fits), "p")).toEqual([]);
    });

    it("rejects a template one byte over and says by how much", () => {
      expect(validatePathTemplate("a".repeat(fits + 7), "p")).toEqual([
        {
          code: "too-long",
          field: "pathTemplate",
          message: "Keys could reach 1,031 bytes; S3 allows at most 1,024. Shorten the template by 7.",
        },
      ]);
    });

    it("counts {apiKeyName} at its maximum of 64 characters", () => {
      const template = `${"a".repeat(fits - 64)}{apiKeyName}`;
      expect(validatePathTemplate(template, "p")).toEqual([]);
      expect(codes(validatePathTemplate(`a${template}`, "p"))).toEqual(["pathTemplate:too-long"]);
    });

    it("counts the prefix when the template uses it, and mentions it", () => {
      const template = "{prefix}/{date}";
      const prefix = "p".repeat(fits - "/0000-00-00".length + 1);
      const [issue] = validatePathTemplate(template, prefix);
      expect(issue?.message).toBe(
        "Keys could reach 1,025 bytes; S3 allows at most 1,024. Shorten the template or prefix by 1.",
      );
    });

    it("counts UTF-8 bytes, not characters", () => {
      expect(validatePathTemplate("é".repeat(fits / 2 + 1), "p").map((i) => i.code)).toEqual(["too-long"]);
      expect(validatePathTemplate("😀".repeat(Math.floor(fits / 4)), "p")).toEqual([]);
    });
  });

  describe("prefix", () => {
    it("may contain slashes", () => {
      expect(validatePathTemplate("{prefix}/{date}", "team/traces")).toEqual([]);
    });

    it("rejects leading and trailing slashes", () => {
      expect(validatePathTemplate("{prefix}/{date}", "/team")).toEqual([
        { code: "leading-slash", field: "prefix", message: 'The prefix must not start with "/".' },
      ]);
      expect(validatePathTemplate("{prefix}/{date}", "team/")).toEqual([
        { code: "invalid-prefix", field: "prefix", message: 'The prefix must not end with "/".' },
      ]);
    });

    it('rejects ".." and empty segments, reported on the prefix field', () => {
      expect(codes(validatePathTemplate("{prefix}/{date}", "team/../x"))).toEqual(["prefix:dot-segment"]);
      expect(codes(validatePathTemplate("{prefix}/{date}", "team//x"))).toEqual(["prefix:empty-segment"]);
    });

    it("catches a dot segment formed by template text and prefix together", () => {
      expect(codes(validatePathTemplate(".{prefix}/{date}", "."))).toContain("prefix:dot-segment");
      expect(validatePathTemplate("x{prefix}/{date}", ".")).toEqual([
        { code: "dot-segment", field: "prefix", message: '"." is not allowed as a path segment.' },
      ]);
    });

    it("rejects control characters and backslashes", () => {
      expect(codes(validatePathTemplate("{prefix}", "a\\b"))).toEqual(["prefix:invalid-character"]);
      expect(codes(validatePathTemplate("{prefix}", "a\u0000b"))).toEqual(["prefix:invalid-character"]);
    });

    it("must not be empty when the template uses it", () => {
      expect(validatePathTemplate("{prefix}/{date}", "")).toEqual([
        { code: "empty", field: "prefix", message: "The prefix is empty, but the template uses {prefix}." },
      ]);
      expect(validatePathTemplate("logs/{date}", "")).toEqual([]);
    });

    it("is validated even when the template does not use it", () => {
      expect(codes(validatePathTemplate(DEFAULT_PATH_TEMPLATE, "../x"))).toEqual(["prefix:dot-segment"]);
    });

    it("reports template and prefix issues together", () => {
      expect(codes(validatePathTemplate("{foo}/{prefix}", "a//b"))).toEqual([
        "pathTemplate:unknown-variable",
        "prefix:empty-segment",
      ]);
    });
  });

  // Speed lives in `npm run bench` (preview p99 per keystroke); here only that pathological input is
  // answered at all: a quadratic scan of 15,000 characters would run into the test's time limit.
  it("answers pathological input with issues instead of hanging", () => {
    const nasty = "{".repeat(5000) + "/".repeat(5000) + "}".repeat(5000);
    expect(validatePathTemplate(nasty, "p").length).toBeGreaterThan(0);
  });
});
describe("apiKeyNameInPaths", () => {
  it("keeps a name that is already a safe segment", () => {
    expect(apiKeyNameInPaths("production-app")).toBe("production-app");
  });
  it("rewrites a name with spaces and slashes and says so with a hash suffix", () => {
    expect(apiKeyNameInPaths("Team A / prod")).toBe("Team-A-prod-405c70d7");
  });
  it("is what {apiKeyName} renders to", () => {
    const rendered = renderPathTemplate("{apiKeyName}", { prefix: "p", date: new Date("2026-12-01T00:00:00Z"), apiKeyName: "Team A / prod" });
    expect(rendered).toEqual({ ok: true, path: apiKeyNameInPaths("Team A / prod") });
  });
});
