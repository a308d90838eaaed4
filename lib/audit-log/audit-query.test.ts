import { describe, expect, it } from "vitest";
import { auditPageHref, auditWhere, parseAuditQuery } from "./audit-query";

describe("audit log query", () => {
  it("reads filters and the page from the URL, dropping bad values", () => {
    expect(parseAuditQuery({ action: "session.sign-in", actor: " ann ", from: "2026-11-01", to: "nope", page: ["3", "9"] })).toEqual({
      action: "session.sign-in",
      actor: "ann",
      from: "2026-11-01",
      to: undefined,
      page: 3,
    });
    expect(parseAuditQuery({ page: "-2", action: "" })).toMatchObject({ page: 1, action: undefined });
  });

  it("filters by action, actor (contains, any case) and whole UTC days", () => {
    expect(auditWhere(parseAuditQuery({ action: "user.role", actor: "Ann", from: "2026-11-01", to: "2026-11-02" }))).toEqual({
      action: "user.role",
      actorEmail: { contains: "Ann", mode: "insensitive" },
      createdAt: { gte: new Date("2026-11-01T00:00:00.000Z"), lt: new Date("2026-11-03T00:00:00.000Z") },
    });
    expect(auditWhere(parseAuditQuery({}))).toEqual({});
  });

  it("links to other pages of the same view", () => {
    expect(auditPageHref(parseAuditQuery({ action: "user.role" }), 2)).toBe("/settings/audit-log?action=user.role&page=2");
    expect(auditPageHref(parseAuditQuery({}), 1)).toBe("/settings/audit-log");
  });
});
