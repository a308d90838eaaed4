import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { AUDIT_PAGE_SIZE, parseAuditQuery, searchAuditLog } from "./audit-query";

// More than the old fixed 200 entries, so the oldest are reachable only by paging or filtering.
const ENTRIES = 230;

let database: OpenDatabase;
beforeAll(async () => {
  database = await openDatabase({ kind: "pglite", dataDir: null });
  const start = Date.parse("2026-11-01T00:00:00.000Z");
  await database.prisma.auditLog.createMany({
    data: Array.from({ length: ENTRIES }, (_, i) => ({
      actorEmail: i % 2 === 0 ? "ann@audit.test" : "bob@audit.test",
      action: i % 10 === 0 ? "session.sign-in" : "destination.update",
      target: `entry ${i}`,
      createdAt: new Date(start + i * 3_600_000), // one an hour: 230 h ≈ 9.6 days
    })),
  });
});
afterAll(async () => database?.close());

describe("searchAuditLog", () => {
  it("pages through every entry, newest first, with no gaps or repeats", async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const result = await searchAuditLog(database.prisma, parseAuditQuery({ page: String(page) }));
      expect(result.entries.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      seen.push(...result.entries.map((e) => e.target));
      if (!result.hasOlder) break;
    }
    expect(seen).toHaveLength(ENTRIES);
    expect(seen[0]).toBe(`entry ${ENTRIES - 1}`);
    expect(seen.at(-1)).toBe("entry 0");
  });

  it("filters by action, actor and date together, and lists the actions to choose from", async () => {
    const result = await searchAuditLog(database.prisma, parseAuditQuery({ action: "session.sign-in", actor: "ANN", from: "2026-11-01", to: "2026-11-01" }));
    // Day one holds entries 0–23; sign-ins are every 10th, Ann's the even ones: 0, 10, 20.
    expect(result.entries.map((e) => e.target)).toEqual(["entry 20", "entry 10", "entry 0"]);
    expect(result.actions).toEqual(["destination.update", "session.sign-in"]);
  });
});
