import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

// Every server action and route handler is a public HTTP endpoint. This suite finds them all by
// scanning app/ for pages and route handlers and lib/ for "use server" files (so a new one cannot be
// forgotten) and proves that, without a session, each refuses;
// that a viewer can change nothing; and that secrets never come back in a response or reach the
// database or the audit log in plaintext. Public endpoints are listed explicitly below.

const state = vi.hoisted(() => {
  process.env.BROADCAST_ENCRYPTION_KEY = "c3VyZmFjZS10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGU=";
  process.env.BROADCAST_DATA_DIR = "memory://";
  return { cookie: "", prisma: null as unknown };
});

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => headersModule());
vi.mock("next/headers.js", () => headersModule());
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;${url}` });
  },
}));
vi.mock("@/lib/platform/db/client", () => ({ db: async () => state.prisma, getDatabase: async () => ({ prisma: state.prisma }) }));

function headersModule() {
  return {
    headers: async () => new Headers(state.cookie ? { cookie: state.cookie, "x-forwarded-for": "203.0.113.7" } : { "x-forwarded-for": "203.0.113.7" }),
    cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {}, has: () => false, getAll: () => [] }),
  };
}

import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createTestS3Client } from "@/tests/s3/s3-test-client";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/platform/db/database-target";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { getAuth } from "@/lib/platform/auth/auth";
import { createUserWithPassword } from "@/lib/users/user-store";
import { resetEnv } from "@/lib/platform/env/env";
import { resetRuntime } from "@/lib/platform/runtime/container";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const LIB = path.join(ROOT, "lib");
// Its own bucket: the shared ones must stay empty for the suites that check them.
const BUCKET = "server-surface";

beforeAll(async () => {
  await createTestS3Client(inject("s3rver"))
    .send(new CreateBucketCommand({ Bucket: BUCKET }))
    .catch((error: { name?: string }) => {
      if (error.name !== "BucketAlreadyOwnedByYou" && error.name !== "BucketAlreadyExists") throw error;
    });
});

/** Signed-out visitors must reach these: sign-in, sign-out and the one-time owner setup. */
const PUBLIC_ACTIONS: Record<string, string[]> = {
  "users/sign-in-actions.ts": ["signIn", "signOut"],
  "users/setup-actions.ts": ["createOwner"],
};
/** Reads a viewer may make; every other action changes something and must refuse a viewer. */
const VIEWER_READS = new Set([
  "broadcast-switch/broadcast-switch-actions.ts#loadBroadcastSettings",
  "delivery/delivery-actions.ts#loadDeliveryHealth",
  "api-keys/api-key-actions.ts#loadApiKeys",
]);
/** Owner-only: admins are refused too. */
const OWNER_ONLY_FILES = new Set(["users/user-actions.ts"]);
/** Route handlers with their own authentication (API keys) or none by design. */
const PUBLIC_ROUTES = new Set([
  "api/v1/traces/route.ts", // its own API keys
  "api/v1/openapi.json/route.ts", // the published API description
  "v1/traces/route.ts", // OTLP ingest: its own API keys
  "api/health/route.ts", // liveness probe for the orchestrator: no data, no secrets
  "api/ready/route.ts", // readiness probe: check names and plain-language errors only
  "metrics/route.ts", // Prometheus scrapes: ids and codes only; BROADCAST_METRICS_TOKEN guards it when set
]);
/** Route handlers that demand an admin-scope API key (lib/destinations/handle-destinations-api.ts). */
const ADMIN_KEY_ROUTES: Record<string, string[]> = {
  "api/v1/destinations/route.ts": ["GET", "POST"],
  "api/v1/destinations/[id]/route.ts": ["GET", "PATCH", "DELETE"],
  "api/v1/destinations/[id]/test/route.ts": ["POST"],
  "api/v1/destinations/[id]/queries/route.ts": ["GET"],
  "api/v1/api-keys/route.ts": ["GET"],
};
/** Pages without a session check: the signed-out pages and pure redirects to a checked page. */
const PUBLIC_PAGES = new Set(["sign-in/page.tsx", "setup/page.tsx", "page.tsx", "settings/page.tsx"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
const relativeFiles = (dir: string) => walk(dir).map((file) => path.relative(dir, file).split(path.sep).join("/"));
const appFiles = relativeFiles(APP);
const libFiles = relativeFiles(LIB).filter((file) => !file.startsWith("platform/db/generated/"));

const serverActionFiles = libFiles
  .filter((file) => /\.(ts|tsx)$/.test(file) && !file.endsWith(".test.ts"))
  .filter((file) => /^\s*["']use server["']/.test(readFileSync(path.join(LIB, file), "utf8")));

function serverActions(): Array<{ file: string; name: string }> {
  return serverActionFiles.flatMap((file) => {
    const source = readFileSync(path.join(LIB, file), "utf8");
    const names = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g), ...source.matchAll(/export\s+const\s+(\w+)/g)].map((m) => m[1]!);
    return names.map((name) => ({ file, name }));
  });
}

const actions = serverActions();
const routes = appFiles.filter((file) => /(^|\/)route\.(ts|tsx)$/.test(file));
const pages = appFiles.filter((file) => /(^|\/)page\.tsx$/.test(file));

async function callAction(file: string, name: string, ...args: unknown[]): Promise<unknown> {
  const module = (await import(/* @vite-ignore */ path.join(LIB, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const fn = module[name];
  if (typeof fn !== "function") throw new Error(`${file} exports ${name}, which is not a function`);
  return fn(...args);
}

const targets: Array<{ label: string; target: DatabaseTarget }> = [{ label: "PGlite in memory", target: { kind: "pglite", dataDir: null } }];
if (process.env.DATABASE_URL) targets.push({ label: "PostgreSQL (DATABASE_URL)", target: resolveDatabaseTarget() });

it("finds the server surface it guards", () => {
  expect(actions.length).toBeGreaterThanOrEqual(15);
  expect(actions.map((a) => `${a.file}#${a.name}`)).toEqual(expect.arrayContaining(["destinations/destination-actions.ts#saveDestination", "api-keys/api-key-actions.ts#createApiKey"]));
  for (const file of Object.keys(PUBLIC_ACTIONS)) expect(libFiles).toContain(file);
});

it("defines every server action through actionFor(), which checks the session and role first", () => {
  for (const file of serverActionFiles) {
    const source = readFileSync(path.join(LIB, file), "utf8");
    expect(source, file).not.toMatch(/export\s+(?:async\s+)?function\s/);
    // Directly, or through a chain the file starts with actionFor() and shares (Test and Save).
    const chains = new Set([...source.matchAll(/^const\s+(\w+)\s*=\s*actionFor\(/gm)].map((m) => m[1]!));
    for (const [, name, start] of source.matchAll(/export\s+const\s+(\w+)\s*=\s*(\w+)/g)) {
      expect(start === "actionFor" || chains.has(start!), `${file}#${name} starts with ${start}`).toBe(true);
    }
  }
});

it("every page checks the session itself, except the signed-out pages and redirects", () => {
  for (const page of pages) {
    if (PUBLIC_PAGES.has(page)) continue;
    expect(readFileSync(path.join(APP, page), "utf8"), page).toMatch(/requirePageSession\(/);
  }
});

describe.each(targets)("on $label", ({ target }) => {
  let database: OpenDatabase;
  const sessions: Record<"owner" | "admin" | "viewer", string> = { owner: "", admin: "", viewer: "" };
  const passwords = { owner: "owner-pass-123456", admin: "admin-pass-123456", viewer: "viewer-pass-123456" };

  beforeAll(async () => {
    database = await openDatabase(target);
    state.prisma = database.prisma;
    const s3rver = inject("s3rver");
    process.env.BROADCAST_ALLOWED_ENDPOINTS = new URL(s3rver.endpoint).host;
    // The env and everything built from it (config, auth, limiters) are read once per process: read
    // them again with this suite's endpoint, whatever an earlier import (resolveDatabaseTarget) cached.
    resetEnv();
    resetRuntime();
    await database.prisma.user.deleteMany();
    await database.prisma.auditLog.deleteMany();
    await database.prisma.destination.deleteMany();
    const auth = await getAuth({ secure: false });
    for (const role of ["owner", "admin", "viewer"] as const) {
      const email = `${role}@surface.test`;
      await createUserWithPassword(database.prisma, { email, name: role, password: passwords[role], role });
      const { headers } = await auth.api.signInEmail({ body: { email, password: passwords[role] }, returnHeaders: true });
      const token = /better-auth\.session_token=([^;]+)/.exec(headers.get("set-cookie") ?? "")?.[1];
      if (!token) throw new Error("no session cookie");
      sessions[role] = `better-auth.session_token=${token}`;
    }
  });

  afterAll(async () => {
    state.cookie = "";
    await database?.prisma.user.deleteMany();
    await database?.prisma.auditLog.deleteMany();
    await database?.prisma.destination.deleteMany();
    await database?.close();
  });

  it("refuses every non-public action without a session", async () => {
    state.cookie = "";
    for (const { file, name } of actions) {
      if (PUBLIC_ACTIONS[file]?.includes(name)) continue;
      await expect(callAction(file, name, undefined, undefined), `${file}#${name}`).rejects.toMatchObject({ name: "NotSignedInError" });
    }
  });

  it("refuses a forged or expired session cookie like no session", async () => {
    state.cookie = "better-auth.session_token=forged.value";
    await expect(callAction("api-keys/api-key-actions.ts", "loadApiKeys")).rejects.toMatchObject({ name: "NotSignedInError" });
  });

  it("lets a viewer read but refuses every change", async () => {
    state.cookie = sessions.viewer;
    for (const { file, name } of actions) {
      if (PUBLIC_ACTIONS[file]?.includes(name)) continue;
      const call = callAction(file, name, undefined, undefined);
      if (VIEWER_READS.has(`${file}#${name}`)) await expect(call, `${file}#${name}`).resolves.toBeDefined();
      else await expect(call, `${file}#${name}`).rejects.toMatchObject({ name: "ForbiddenError" });
    }
  });

  it("lets only owners and admins create admin-scope API keys", async () => {
    const create = (role: "owner" | "admin" | "viewer") => {
      state.cookie = sessions[role];
      return callAction("api-keys/api-key-actions.ts", "createApiKey", { name: `tf-${role}-${Math.random().toString(36).slice(2, 8)}`, scope: "admin" });
    };
    await expect(create("viewer")).rejects.toMatchObject({ name: "ForbiddenError" });
    for (const role of ["owner", "admin"] as const) {
      await expect(create(role), role).resolves.toMatchObject({ ok: true, data: { apiKey: { scope: "admin" } } });
    }
    expect(await database.prisma.apiKey.count({ where: { scope: "admin" } })).toBe(2);
    await database.prisma.apiKey.deleteMany({ where: { scope: "admin" } });
  });

  it("refuses admins on the owner-only actions", async () => {
    state.cookie = sessions.admin;
    for (const { file, name } of actions.filter((a) => OWNER_ONLY_FILES.has(a.file))) {
      await expect(callAction(file, name, undefined, undefined), `${file}#${name}`).rejects.toMatchObject({ name: "ForbiddenError" });
    }
  });

  it("keeps the public actions safe: no second owner, one answer for wrong credentials", async () => {
    state.cookie = "";
    const second = await callAction("users/setup-actions.ts", "createOwner", { name: "Eve", email: "eve@surface.test", password: "eve-password-123" });
    expect(second).toEqual({ ok: false, formError: expect.stringMatching(/already exists/) });
    expect(await database.prisma.user.count({ where: { email: "eve@surface.test" } })).toBe(0);
    const wrong = await callAction("users/sign-in-actions.ts", "signIn", { email: "owner@surface.test", password: "wrong-password" });
    const unknown = await callAction("users/sign-in-actions.ts", "signIn", { email: "nobody@surface.test", password: "wrong-password" });
    expect(wrong).toEqual({ ok: false, formError: "Email or password is incorrect." });
    expect(unknown).toEqual(wrong);
  });

  it("refuses plain http:// for endpoints that are not allowlisted, with a field message", async () => {
    state.cookie = sessions.admin;
    const result = await callAction("destinations/destination-actions.ts", "testConnection", destinationValues({ endpoint: "http://s3.example.com" }));
    expect(result).toEqual({ ok: false, fieldErrors: { endpoint: [expect.stringMatching(/must use https:\/\//)] } });
  });

  it("never returns, stores or audits a secret in plaintext", async () => {
    state.cookie = sessions.admin;
    const secret = `surface-SECRET-${Date.now()}`;
    const saved = (await callAction("destinations/destination-actions.ts", "saveDestination", destinationValues({ secretAccessKey: secret }))) as { ok: boolean };
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    // Test Connection is audited too (who made this server contact which address), without the secret.
    expect(await callAction("destinations/destination-actions.ts", "testConnection", destinationValues({ secretAccessKey: secret }))).toMatchObject({ ok: true });
    state.cookie = sessions.viewer;
    const loaded = await callAction("broadcast-switch/broadcast-switch-actions.ts", "loadBroadcastSettings");
    expect(JSON.stringify(loaded)).not.toContain(secret);
    expect(JSON.stringify(saved)).not.toContain(secret);

    const row = await database.prisma.destination.findFirstOrThrow();
    expect(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(secret);
    expect(row.secretAccessKeyEnc).toMatch(/^v1\.[0-9a-f]{8}\./);

    const audit = await database.prisma.auditLog.findMany();
    const auditText = JSON.stringify(audit);
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(["destination.create", "destination.test-connection"]));
    expect(auditText).not.toContain(secret);
    expect(auditText).not.toContain(row.secretAccessKeyEnc);
    expect(auditText).toContain("admin@surface.test");
  });

  it("route handlers: only the public ones exist, and ingest still demands its API key", async () => {
    for (const route of routes) {
      if (route in ADMIN_KEY_ROUTES) continue;
      expect(PUBLIC_ROUTES, `${route} needs a session check and a place in this test`).toContain(route);
    }
    const ingest = (await import("../app/api/v1/traces/route")) as { POST: (request: Request) => Promise<Response> };
    const response = await ingest.POST(new Request("http://localhost/api/v1/traces", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(401);
    const otlp = (await import("../app/v1/traces/route")) as { POST: (request: Request) => Promise<Response> };
    const otlpResponse = await otlp.POST(new Request("http://localhost/v1/traces", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(otlpResponse.status).toBe(401);
  });

  it("admin-key route handlers: every method refuses a request without a key or with a session cookie only", async () => {
    for (const [route, methods] of Object.entries(ADMIN_KEY_ROUTES)) {
      const handlers = (await import(`../app/${route.replace(/\.ts$/, "")}`)) as Record<string, (request: Request, ctx: unknown) => Promise<Response>>;
      expect(Object.keys(handlers).filter((name) => /^[A-Z]+$/.test(name)).sort(), route).toEqual([...methods].sort());
      for (const method of methods) {
        const ctx = { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) };
        // An owner's session cookie is not an API key: these endpoints answer to keys only.
        const headers = { cookie: sessions.owner, "content-type": "application/json" };
        const response = await handlers[method]!(new Request(`http://localhost/${route}`, { method, headers, body: method === "GET" || method === "DELETE" ? undefined : "{}" }), ctx);
        expect(response.status, `${method} ${route}`).toBe(401);
      }
    }
  });

  it("the probes and /metrics answer without a session, and /metrics demands its token when one is set", async () => {
    const health = (await import("../app/api/health/route")) as { GET: () => Response };
    expect(health.GET().status).toBe(200);
    const metrics = (await import("../app/metrics/route")) as { GET: (request: Request) => Promise<Response> };
    process.env.BROADCAST_METRICS_TOKEN = "surface-metrics-token-0123";
    resetEnv();
    try {
      expect((await metrics.GET(new Request("http://localhost/metrics"))).status).toBe(401);
      const scraped = await metrics.GET(new Request("http://localhost/metrics", { headers: { authorization: "Bearer surface-metrics-token-0123" } }));
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("broadcast_delivery_backlog");
    } finally {
      delete process.env.BROADCAST_METRICS_TOKEN;
      resetEnv();
    }
  });
});

function destinationValues(overrides: Record<string, unknown> = {}) {
  const s3rver = inject("s3rver");
  return {
    name: `surface-${Math.random().toString(36).slice(2, 8)}`,
    enabled: true,
    privacyMode: false,
    provider: "minio",
    bucketName: BUCKET,
    region: "us-east-1",
    endpoint: s3rver.endpoint,
    accessKeyId: s3rver.accessKeyId,
    secretAccessKey: "surface-secret",
    sessionToken: "",
    prefix: "surface",
    pathTemplate: "",
    ...overrides,
  };
}
