import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A sign-in flood (issue 16, item 2) and the install takeover (item 1), through the real actions,
// better-auth and an in-memory database. What keeps ingest fast under a flood is that throttled
// calls cost no scrypt and at most HASH_CONCURRENCY hashes ever run at once; the latency figure
// itself lives in `npm run bench`.

const state = vi.hoisted(() => {
  process.env.BROADCAST_ENCRYPTION_KEY = "c2lnbi1pbi1mbG9vZC10ZXN0LWtleS0wMTIzNDU2Nzg=";
  process.env.BROADCAST_DATA_DIR = "memory://";
  return { headers: {} as Record<string, string>, prisma: null as unknown };
});

vi.mock("server-only", () => ({}));
function headersModule() {
  return {
    headers: async () => new Headers(state.headers),
    cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {}, has: () => false, getAll: () => [] }),
  };
}
vi.mock("next/headers", () => headersModule());
vi.mock("next/headers.js", () => headersModule());
vi.mock("@/lib/platform/db/client", () => ({ db: async () => state.prisma, getDatabase: async () => ({ prisma: state.prisma }) }));

import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { HASH_CONCURRENCY, passwordHashStats } from "@/lib/platform/auth/password";
import { PEER_HEADER } from "@/lib/platform/http/client-address";
import { createOwner } from "./setup-actions";
import { signIn } from "./sign-in-actions";
import { loadApiKeys } from "@/lib/api-keys/api-key-actions";
import { setupToken } from "./setup-token";

let database: OpenDatabase;
const OWNER = { name: "Owner", email: "owner@flood.test", password: "owner-password-123" };
const randomAddress = () => [...randomBytes(4)].join(".");

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite", dataDir: null });
  state.prisma = database.prisma;
});
afterAll(async () => database?.close());

describe("a fresh install", () => {
  it("refuses to create the owner without the printed setup token, before hashing anything", async () => {
    state.headers = { [PEER_HEADER]: "198.51.100.10" };
    const hashes = passwordHashStats().started;
    for (const token of [undefined, "", "guessed-token"]) {
      expect(await createOwner({ ...OWNER, token })).toEqual({ ok: false, formError: expect.stringMatching(/setup link printed in the server's start-up log/) });
    }
    expect(passwordHashStats().started).toBe(hashes);
    expect(await database.prisma.user.count()).toBe(0);
  });

  it("creates it with the token, and then refuses a second owner without hashing", async () => {
    expect(await createOwner({ ...OWNER, token: setupToken() })).toEqual({ ok: true, data: { email: OWNER.email } });
    const hashes = passwordHashStats().started;
    expect(await createOwner({ ...OWNER, email: "eve@flood.test", token: setupToken() })).toEqual({ ok: false, formError: expect.stringMatching(/already exists/) });
    expect(passwordHashStats().started).toBe(hashes);
  });
});

describe("a sign-in flood", () => {
  it("throttles 200 sign-ins with random emails and random X-Forwarded-For from one socket", async () => {
    const hashes = passwordHashStats().started;
    // In waves of 10, under the hash ceiling's queue, so only the address budget can refuse them.
    const results: Awaited<ReturnType<typeof signIn>>[] = [];
    for (let wave = 0; wave < 20; wave++) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () => {
            state.headers = { [PEER_HEADER]: "198.51.100.20", "x-forwarded-for": randomAddress() };
            return signIn({ email: `${randomBytes(6).toString("hex")}@flood.test`, password: "wrong-password-1" });
          }),
        )),
      );
    }
    const throttled = results.filter((r) => !r.ok && /^Too many attempts/.test(r.formError ?? ""));
    const refused = results.filter((r) => !r.ok && r.formError === "Email or password is incorrect.");
    // The address's budget (20 a minute) lets 20 through; the forged header opens no new budget.
    expect(refused.length).toBeLessThanOrEqual(20);
    expect(throttled.length).toBeGreaterThanOrEqual(180);
    // No scrypt for throttled calls, and never more than the ceiling at once.
    expect(passwordHashStats().started - hashes).toBeLessThanOrEqual(refused.length);
    expect(passwordHashStats().peakActive).toBeLessThanOrEqual(HASH_CONCURRENCY);
  });

  it("refuses at once, without queueing, what the hash ceiling cannot take", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        state.headers = { [PEER_HEADER]: `198.51.100.${100 + i}` }; // 40 addresses, each within its budget
        return signIn({ email: `${randomBytes(6).toString("hex")}@flood.test`, password: "wrong-password-1" });
      }),
    );
    expect(results.filter((r) => !r.ok && r.formError === "Too many sign-ins at once. Try again in a few seconds.").length).toBeGreaterThan(0);
    expect(passwordHashStats().peakActive).toBeLessThanOrEqual(HASH_CONCURRENCY);
  });

  it("audits sign-ins that got through, success and failure, never the password", async () => {
    state.headers = { [PEER_HEADER]: "198.51.100.30" };
    expect(await signIn({ email: OWNER.email, password: OWNER.password })).toEqual({ ok: true, data: { email: OWNER.email } });
    const rows = await database.prisma.auditLog.findMany({ where: { action: { in: ["session.sign-in", "session.sign-in-failed"] } } });
    expect(rows.filter((r) => r.action === "session.sign-in")).toHaveLength(1);
    expect(rows.filter((r) => r.action === "session.sign-in-failed").length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/wrong-password-1|owner-password-123/);
    expect(rows.find((r) => r.action === "session.sign-in")?.after).toEqual({ address: "198.51.100.30" });
  });
});

describe("an expired or forged session cookie", () => {
  it("reads as signed out (a redirect to sign-in), not as an error", async () => {
    for (const cookie of ["better-auth.session_token=forged.c2lnbmF0dXJl", "better-auth.session_token=%E0%A4%A", "better-auth.session_token="]) {
      state.headers = { [PEER_HEADER]: "198.51.100.40", cookie };
      await expect(loadApiKeys()).rejects.toMatchObject({ name: "NotSignedInError", digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/) });
    }
  });
});
