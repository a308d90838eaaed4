import { describe, expect, it } from "vitest";
import {
  DEFAULT_PREFIX,
  parsePathTemplate,
  renderPathTemplate,
  validatePathTemplate,
  type TemplateIssue,
} from "@/lib/core/object-keys/path-template";
import { previewObjectKey } from "@/lib/core/object-keys/object-key";

// Hive-style folders and the parsed form the query generator reads (path-template.test.ts covers the rest).

const date = new Date("2026-11-27T23:30:00Z");
const render = (template: string, prefix = DEFAULT_PREFIX, apiKeyName = "prod") =>
  renderPathTemplate(template, { prefix, date, apiKeyName });
const codes = (issues: TemplateIssue[]) => issues.map((i) => `${i.field}:${i.code}`);

describe("Hive-style partition folders", () => {
  const preview = (template: string, prefix = DEFAULT_PREFIX) => previewObjectKey(template, prefix, date);

  it("validates, renders and previews name={variable} folders", () => {
    for (const template of ["dt={date}", "{prefix}/dt={date}", "year={year}/month={month}/day={day}", "key={apiKeyName}/dt={date}"]) {
      expect(validatePathTemplate(template, DEFAULT_PREFIX)).toEqual([]);
    }
    expect(render("{prefix}/dt={date}")).toEqual({ ok: true, path: "openrouter-traces/dt=2026-11-27" });
    expect(render("year={year}/month={month}/day={day}")).toEqual({ ok: true, path: "year=2026/month=11/day=27" });
    expect(preview("traces/key={apiKeyName}/dt={date}")).toEqual({
      ok: true,
      key: "traces/key=production-app/dt=2026-11-27/<traceId>-<timestamp>.json",
    });
  });

  it("accepts literal and mixed values and a name=value prefix", () => {
    expect(validatePathTemplate("source=openrouter/dt=day-{date}", "p")).toEqual([]);
    expect(render("{prefix}/dt={date}", "env=prod")).toEqual({ ok: true, path: "env=prod/dt=2026-11-27" });
  });

  it.each([
    ["=x/{date}", '"=x" has no partition name before "=", e.g. dt={date}.'],
    ["a==b/{date}", '"a==b" has more than one "="; a partition folder is name=value, e.g. dt={date}.'],
    ["dt={date}=x", '"dt={date}=x" has more than one "="; a partition folder is name=value, e.g. dt={date}.'],
    ["dt=/{date}", '"dt=" has no value after "=", e.g. dt={date}.'],
    ["Year={year}", '"Year" is not a valid partition name: use lowercase letters, digits and "_", starting with a letter.'],
    ["my-dt={date}", '"my-dt" is not a valid partition name: use lowercase letters, digits and "_", starting with a letter.'],
    ["{apiKeyName}={date}", '"{apiKeyName}" is not a valid partition name: use lowercase letters, digits and "_", starting with a letter.'],
    ["id={date}", '"id" is already a field of every trace file; pick another partition name.'],
    ["timestamp={date}", '"timestamp" is already a field of every trace file; pick another partition name.'],
    ["apikeyname={apiKeyName}", '"apikeyname" is already a field of every trace file; pick another partition name.'],
    ["dt={date}/dt={date}", 'The partition name "dt" is used twice.'],
  ])("refuses %s", (template, message) => {
    expect(validatePathTemplate(template, "p")).toEqual([{ code: "invalid-partition", field: "pathTemplate", message }]);
    expect(preview(template)).toMatchObject({ ok: false });
  });

  it("checks the prefix, and the prefix combined with the template", () => {
    expect(codes(validatePathTemplate("{prefix}/{date}", "a==b"))).toEqual(["prefix:invalid-partition"]);
    expect(codes(validatePathTemplate("logs/{date}", "=x"))).toEqual(["prefix:invalid-partition"]);
    expect(validatePathTemplate("dt={prefix}/{date}", "a=b")).toEqual([
      {
        code: "invalid-partition",
        field: "prefix",
        message: '"dt=a=b" has more than one "="; a partition folder is name=value, e.g. dt={date}.',
      },
    ]);
    expect(codes(validatePathTemplate("{prefix}/dt={date}", "dt=x"))).toEqual(["prefix:invalid-partition"]);
  });
});

describe("parsePathTemplate", () => {
  it("splits into folders with the prefix inlined and literal runs merged", () => {
    expect(parsePathTemplate("{prefix}/dt={date}/{apiKeyName}", "team/traces")).toEqual({
      ok: true,
      segments: [["team"], ["traces"], ["dt=", { variable: "date" }], [{ variable: "apiKeyName" }]],
    });
    expect(parsePathTemplate("x{prefix}y/{year}-{month}", "p")).toEqual({
      ok: true,
      segments: [["xpy"], [{ variable: "year" }, "-", { variable: "month" }]],
    });
  });

  it("normalises like rendering does and refuses what rendering refuses", () => {
    expect(parsePathTemplate("", DEFAULT_PREFIX)).toEqual({
      ok: true,
      segments: [["openrouter-traces"], [{ variable: "date" }]],
    });
    expect(parsePathTemplate("logs/", "p")).toEqual({ ok: true, segments: [["logs"]] });
    expect(parsePathTemplate("=x", "p")).toMatchObject({ ok: false, issues: [{ code: "invalid-partition" }] });
  });
});
