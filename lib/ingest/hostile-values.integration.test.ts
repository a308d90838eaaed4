import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { enqueueBatch, type EnqueueRequest, type EnqueueResult } from "@/lib/delivery/enqueue";
import { GroupCommit } from "@/lib/delivery/group-commit";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, testTargets } from "@/tests/delivery/delivery-fixtures";
import { handleIngest, type IngestDeps } from "./handle-ingest";

vi.mock("server-only", () => ({}));

// A hostile free-form value (5,000 arrays deep under usage) must be refused by validation, before it
// joins a group commit: there it would fail the shared transaction, and every batch-mate would pay
// for the one-by-one retry.

const s3rver = inject("s3rver");

const deepArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepUsageBody = `{"id":"deep-1","created_at":"2026-11-27T10:00:00Z","usage":{"prompt_tokens":1,"x":${deepArrays(5_000)}}}`;

describe.each(testTargets())("hostile free-form values ($name)", ({ target }) => {
  let database: OpenDatabase;
  let apiKey = "";
  let commits: string[][] = [];

  beforeAll(async () => {
    database = await openDatabase(target);
  });
  afterAll(async () => {
    await cleanDeliveryTables(database.prisma);
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(database.prisma);
    await database.prisma.apiKey.deleteMany();
    await enableBroadcast(database.prisma);
    await createTestDestination(database.prisma, s3rver);
    const created = await createApiKey(database.prisma, "hostile-values");
    if (!created.ok) throw new Error("could not create the API key");
    apiKey = created.key;
    commits = [];
  });

  // The composition of lib/ingest/ingest-service.ts, recording which events each commit carried.
  const deps = (): IngestDeps => {
    const group = new GroupCommit<EnqueueRequest, EnqueueResult>({
      commit: (requests) => {
        commits.push(requests.flatMap((r) => r.events.map((e) => ("id" in e ? e.id : e.traceId))));
        return enqueueBatch(database.prisma, requests);
      },
      maxBatchWeight: 500,
      weigh: (request) => request.events.length,
    });
    return {
      parseBearer,
      authenticate: (raw) => authenticateApiKey(database.prisma, raw),
      rateLimiter: new RateLimiter(0, 0),
      isBacklogFull: async () => false,
      enqueue: (events, ctx) => group.add({ events, ctx }),
      now: () => new Date("2026-11-28T00:00:00Z"),
    };
  };
  const post = (ingest: IngestDeps, body: string) =>
    handleIngest(
      new Request("http://127.0.0.1/api/v1/traces", {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      }),
      ingest,
    );

  it("answers the deep usage body 400 naming the path, while its concurrent batch-mates get 202", async () => {
    const ingest = deps();
    const legit = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({ id: `ok-${i}`, created_at: "2026-11-27T10:00:00Z", usage: { prompt_tokens: 1, details: { cached: 0 } } }),
    );
    const [deep, ...others] = await Promise.all([post(ingest, deepUsageBody), ...legit.map((body) => post(ingest, body))]);

    expect(deep.status).toBe(400);
    const problem = (await deep.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    expect(problem.error.code).toBe("invalid_body");
    expect(problem.error.issues).toEqual([
      { path: `usage.x${"[0]".repeat(63)}`, message: "must be nested at most 64 levels deep" },
    ]);
    expect(others.map((r) => r.status)).toEqual(legit.map(() => 202));
    // Refused before enqueue: no commit ever carried it, so no batch was retried one by one.
    expect(commits.flat()).not.toContain("deep-1");
    expect(commits.flat().sort()).toEqual(legit.map((_, i) => `ok-${i}`).sort());
    expect(await database.prisma.trace.count()).toBe(10);
  });

  it("refuses __proto__, constructor and prototype keys in every free-form field", async () => {
    const ingest = deps();
    const bodies = [
      ['"usage":{"constructor":{"prototype":1}}', "usage.constructor"],
      ['"input":{"messages":[{"__proto__":{"x":1}}]}', "input.messages[0].__proto__"],
      ['"output":{"prototype":"p"}', "output.prototype"],
      ['"trace":{"trace_id":"t","team":{"constructor":1}}', "trace.team.constructor"],
    ];
    for (const [field, path] of bodies) {
      const res = await post(ingest, `{"id":"k","created_at":"2026-11-27T10:00:00Z",${field}}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([{ path, message: "reserved key" }]);
    }
    expect(await database.prisma.trace.count()).toBe(0);
  });
});
