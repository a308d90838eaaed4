import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/api-keys/api-key-store";
import { parseBearer } from "@/lib/api-keys/api-key-format";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { RateLimiter } from "@/lib/platform/http/rate-limiter";
import { handleIngest } from "@/lib/ingest/handle-ingest";
import { cleanDeliveryTables, testKeyring, testTargets } from "@/tests/delivery/delivery-fixtures";
import { loadDestination, removeApiKeyFromRouting } from "./destination-store";
import {
  handleCreateDestination,
  handleDeleteDestination,
  handleDestinationQueries,
  handleGetDestination,
  handleListApiKeys,
  handleListDestinations,
  handleTestDestination,
  handleUpdateDestination,
  type DestinationsApiDeps,
} from "./handle-destinations-api";

vi.mock("server-only", () => ({}));

// The destinations API with a real database and a real S3 server (s3rver): the connection test is
// the real PutObject, so "422 and nothing stored" is what S3 actually answered.

const s3rver = inject("s3rver");
const SECRET = "api-SECRET-value-WXYZ";
const BASE = "http://127.0.0.1/api/v1";

describe.each(testTargets())("destinations API ($name)", ({ target }) => {
  let database: OpenDatabase;
  const prisma = () => database.prisma;
  const keys = { admin: "", ingest: "", ingestId: "", adminName: "" };

  const deps = (): DestinationsApiDeps => ({
    prisma: prisma(),
    keyring: testKeyring(),
    allowedEndpoints: [{ host: "127.0.0.1", port: Number(new URL(s3rver.endpoint).port) }],
    parseBearer,
    authenticate: (raw) => authenticateApiKey(prisma(), raw),
    takeConnectionTest: () => ({ allowed: true, retryAfterSeconds: 0 }),
  });
  const request = (method: string, path: string, body?: unknown, key = keys.admin) =>
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const create = (body: unknown) => handleCreateDestination(request("POST", "/destinations", body), deps());
  const validBody = (over: Record<string, unknown> = {}) => ({
    name: `api-${randomUUID().slice(0, 6)}`,
    sampling_rate: 0.5,
    filter_rules: { logic: "or", groups: [{ logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }] }] },
    config: {
      bucket_name: "traces",
      region: "us-east-1",
      endpoint: s3rver.endpoint,
      access_key_id: s3rver.accessKeyId,
      secret_access_key: SECRET,
      prefix: "api",
      path_template: "{prefix}/{date}",
    },
    ...over,
  });

  beforeAll(async () => {
    database = await openDatabase(target);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await cleanDeliveryTables(prisma());
    await prisma().apiKey.deleteMany();
    await prisma().auditLog.deleteMany();
    const admin = await createApiKey(prisma(), `terraform-${randomUUID().slice(0, 6)}`, "admin");
    const ingest = await createApiKey(prisma(), `app-${randomUUID().slice(0, 6)}`);
    if (!admin.ok || !ingest.ok) throw new Error("could not create the API keys");
    Object.assign(keys, { admin: admin.key, adminName: admin.apiKey.name, ingest: ingest.key, ingestId: ingest.apiKey.id });
  });

  it("refuses an ingest key (403) and a missing key (401); the ingest endpoint refuses an admin key (403)", async () => {
    const asIngest = await handleListDestinations(request("GET", "/destinations", undefined, keys.ingest), deps());
    expect(asIngest.status).toBe(403);
    expect(await asIngest.json()).toMatchObject({ error: { code: "insufficient_scope" } });
    expect((await handleListDestinations(new Request(`${BASE}/destinations`), deps())).status).toBe(401);
    expect((await handleListApiKeys(request("GET", "/api-keys", undefined, keys.ingest), deps())).status).toBe(403);

    const ingestDeps = {
      parseBearer,
      authenticate: (raw: string) => authenticateApiKey(prisma(), raw),
      rateLimiter: new RateLimiter(0, 0),
      isBacklogFull: async () => false,
      enqueue: vi.fn(async () => undefined),
      now: () => new Date(),
    };
    const traced = await handleIngest(
      new Request(`${BASE}/traces`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys.admin}`, "content-type": "application/json" },
        body: JSON.stringify({ traces: [{ id: "x", created_at: "2026-11-30T10:00:00Z" }] }),
      }),
      ingestDeps,
    );
    expect(traced.status).toBe(403);
    expect(await traced.json()).toMatchObject({ error: { code: "wrong_key_scope" } });
    expect(ingestDeps.enqueue).not.toHaveBeenCalled();
  });

  it("answers 422 with the classified S3 error when the connection test fails, and stores nothing", async () => {
    const res = await create(validBody({ config: { ...validBody().config, bucket_name: "no-such-bucket-here" } }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "connection_test_failed", s3: { code: "no-such-bucket" } } });
    expect(await prisma().destination.count()).toBe(0);
  });

  it("answers 400 with issues by API path, and stores nothing", async () => {
    const res = await create(
      validBody({
        sampling_rate: 2,
        api_key_ids: ["not-a-key"],
        filter_rules: { groups: [{ rules: [{ field: "model", operator: "gt", value: 1 }] }] },
        config: { ...validBody().config, bucket_name: "Bad_Bucket" },
        colour: "blue",
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: "colour", message: "Unknown field." }]);

    const invalid = await create(
      validBody({ sampling_rate: 2, filter_rules: { groups: [{ rules: [{ field: "model", operator: "gt", value: 1 }] }] }, config: { ...validBody().config, bucket_name: "Bad_Bucket" } }),
    );
    expect(invalid.status).toBe(400);
    const paths = ((await invalid.json()).error.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["sampling_rate", "filter_rules.groups.0.rules.0.operator", "config.bucket_name"]));

    const unknownKey = await create(validBody({ api_key_ids: [randomUUID()] }));
    expect(unknownKey.status).toBe(400);
    expect((await unknownKey.json()).error.issues).toEqual([{ path: "api_key_ids.0", message: "No active API key has this id." }]);
    expect(await prisma().destination.count()).toBe(0);
  });

  it("creates (201) with masks on read, patches without secrets keeping them, lists, tests and deletes; every change audited", async () => {
    const created = await create(validBody({ api_key_ids: [keys.ingestId] }));
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      name: expect.stringMatching(/^api-/),
      enabled: true,
      privacy_mode: false,
      provider: "other",
      sampling_rate: 0.5,
      api_key_ids: [keys.ingestId],
      filter_rules: { logic: "or", groups: [{ logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }] }] },
      config: { bucket_name: "traces", secret_access_key: "••••WXYZ", session_token: null, prefix: "api" },
    });
    expect(JSON.stringify(body)).not.toContain(SECRET);

    const read = await handleGetDestination(request("GET", `/destinations/${body.id}`), body.id, deps());
    expect(read.status).toBe(200);
    expect((await read.json()).config.secret_access_key).toBe("••••WXYZ");
    const list = await (await handleListDestinations(request("GET", "/destinations"), deps())).json();
    expect(list.data.map((d: { id: string }) => d.id)).toEqual([body.id]);

    const patched = await handleUpdateDestination(
      request("PATCH", `/destinations/${body.id}`, { name: "renamed", filter_rules: null, config: { secret_access_key: "••••WXYZ" } }),
      body.id,
      deps(),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "renamed", filter_rules: null, sampling_rate: 0.5, config: { secret_access_key: "••••WXYZ" } });
    const stored = await loadDestination(prisma(), testKeyring(), body.id);
    expect(stored?.settings.secretAccessKey).toBe(SECRET);

    const tested = await handleTestDestination(request("POST", `/destinations/${body.id}/test`), body.id, deps());
    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({ ok: true, key: expect.stringMatching(/^api\//) });

    // The generated Athena table and DuckDB query for this destination's bucket, prefix and template.
    const queries = await handleDestinationQueries(request("GET", `/destinations/${body.id}/queries`), body.id, deps());
    expect(queries.status).toBe(200);
    const { athena_ddl, duckdb_sql } = (await queries.json()) as { athena_ddl: string; duckdb_sql: string };
    expect(athena_ddl).toMatch(/^CREATE EXTERNAL TABLE/);
    expect(athena_ddl).toContain("LOCATION 's3://traces/api/");
    expect(duckdb_sql).toContain("read_json('s3://traces/api/");
    const missing = randomUUID();
    expect((await handleDestinationQueries(request("GET", `/destinations/${missing}/queries`), missing, deps())).status).toBe(404);

    const failingPatch = await handleUpdateDestination(request("PATCH", `/destinations/${body.id}`, { config: { bucket_name: "no-such-bucket-here" } }), body.id, deps());
    expect(failingPatch.status).toBe(422);
    expect((await loadDestination(prisma(), testKeyring(), body.id))?.bucketName).toBe("traces");

    const deleted = await handleDeleteDestination(request("DELETE", `/destinations/${body.id}`), body.id, deps());
    expect(deleted.status).toBe(204);
    expect((await handleGetDestination(request("GET", `/destinations/${body.id}`), body.id, deps())).status).toBe(404);

    const audit = await prisma().auditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["destination.create", `API key "${keys.adminName}"`],
      ["destination.update", `API key "${keys.adminName}"`],
      ["destination.delete", `API key "${keys.adminName}"`],
    ]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(audit[1]?.after).toMatchObject({ name: "renamed", filterRules: null });
  });

  it("lists API keys for scripts, and a revoked key drops out of a destination's list (the last one leaves [])", async () => {
    const keysRes = await handleListApiKeys(request("GET", "/api-keys"), deps());
    expect(keysRes.status).toBe(200);
    const listed = (await keysRes.json()).data;
    expect(listed).toEqual(
      expect.arrayContaining([
        { id: keys.ingestId, name: expect.stringMatching(/^app-/), scope: "ingest", created_at: expect.any(String), last_used_at: null },
        expect.objectContaining({ scope: "admin" }),
      ]),
    );
    const created = await (await create(validBody({ api_key_ids: [keys.ingestId] }))).json();
    await revokeApiKey(prisma(), keys.ingestId);
    expect(await removeApiKeyFromRouting(prisma(), keys.ingestId)).toEqual([created.name]);
    const read = await (await handleGetDestination(request("GET", `/destinations/${created.id}`), created.id, deps())).json();
    expect(read.api_key_ids).toEqual([]);
  });
});
