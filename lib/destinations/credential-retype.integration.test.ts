import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

import { destinationFormSchema } from "@/lib/destinations/destination-schema";
import { loadDestination, saveDestination } from "@/lib/destinations/destination-store";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { testKeyring, testTargets } from "@/tests/delivery/delivery-fixtures";
import { prepareConnectionTest } from "./prepare-connection-test";

// Changing where a saved destination connects (endpoint, region, provider) must never sign with its
// stored secret or send its stored session token to the new place: Test Connection and Save refuse
// until the secret (and the token, if one is kept) is typed again. A recording loopback server
// stands in for the new host.

const STORED_SECRET = "stored-SECRET-never-to-a-new-host";
const STORED_TOKEN = "stored-TOKEN-never-to-a-new-host";

type Seen = { method: string; headers: http.IncomingHttpHeaders };

describe.each(testTargets())("retyping credentials for a new host ($name)", ({ target }) => {
  let database: OpenDatabase;
  let recorder: http.Server;
  let recorderUrl = "";
  let seen: Seen[] = [];
  let config: Parameters<typeof prepareConnectionTest>[1];

  beforeAll(async () => {
    database = await openDatabase(target);
    recorder = http.createServer((req, res) => {
      seen.push({ method: req.method ?? "", headers: req.headers });
      req.resume();
      req.on("end", () => res.writeHead(200, { etag: '"0"' }).end());
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    const { port } = recorder.address() as AddressInfo;
    recorderUrl = `http://127.0.0.1:${port}`;
    config = { keyring: testKeyring(), allowedEndpoints: [{ host: "127.0.0.1", port }] };
  });
  afterAll(async () => {
    await database?.prisma.destination.deleteMany();
    await new Promise((resolve) => recorder?.close(resolve));
    await database?.close();
  });
  beforeEach(async () => {
    seen = [];
    await database.prisma.destination.deleteMany();
  });

  /** A destination saved with a secret and a session token, pointing at `endpoint`. */
  async function saved(endpoint: string) {
    const values = destinationFormSchema.parse({
      name: `retype-${Math.random().toString(36).slice(2, 8)}`,
      provider: "minio",
      bucketName: "traces",
      region: "us-east-1",
      endpoint,
      accessKeyId: "AKIARETYPE",
      secretAccessKey: STORED_SECRET,
      sessionToken: STORED_TOKEN,
      prefix: "p",
    });
    const view = await saveDestination(database.prisma, config.keyring, { ...values, secretAccessKey: STORED_SECRET, sessionToken: STORED_TOKEN }, new Date());
    return { ...values, id: view.id, secretAccessKey: "", sessionToken: "" };
  }
  const prepare = (values: Record<string, unknown>) => prepareConnectionTest(database.prisma, config, destinationFormSchema.parse(values));
  const sentTokens = () => seen.map((s) => s.headers["x-amz-security-token"]);

  it("refuses a new endpoint, region or provider with blank secrets, naming both fields, and sends nothing", async () => {
    const form = await saved("https://s3.stored.example.com");
    for (const moved of [{ endpoint: recorderUrl }, { endpoint: recorderUrl, region: "eu-west-1" }, { endpoint: recorderUrl, provider: "other" }]) {
      const result = await prepare({ ...form, ...moved });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["secretAccessKey", "sessionToken"]);
      expect(result.fieldErrors?.secretAccessKey?.[0]).toMatch(/^Type the Secret Access Key again: the endpoint( and the (region|provider))? changed/);
      expect(result.fieldErrors?.sessionToken?.[0]).toMatch(/Type the Session Token again, or remove it/);
    }
    expect(seen).toEqual([]);
  });

  it("refuses a changed region alone on the stored endpoint", async () => {
    const form = await saved(recorderUrl);
    const result = await prepare({ ...form, region: "eu-west-1" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { secretAccessKey: [expect.stringMatching(/the region changed/)] } });
    expect(seen).toEqual([]);
  });

  it("still refuses with only the secret retyped while a token is stored", async () => {
    const form = await saved("https://s3.stored.example.com");
    const result = await prepare({ ...form, endpoint: recorderUrl, secretAccessKey: "new-secret" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toEqual(["sessionToken"]);
    expect(seen).toEqual([]);
  });

  it("tests the new host with the retyped secret and token, or with the token removed, and never the stored token", async () => {
    const form = await saved("https://s3.stored.example.com");
    const retyped = await prepare({ ...form, endpoint: recorderUrl, secretAccessKey: "new-secret", sessionToken: "new-token" });
    expect(retyped).toMatchObject({ ok: true, result: { ok: true }, secrets: { secretAccessKey: "new-secret", sessionToken: "new-token" } });
    const removed = await prepare({ ...form, endpoint: recorderUrl, secretAccessKey: "new-secret", removeSessionToken: true });
    expect(removed).toMatchObject({ ok: true, result: { ok: true }, secrets: { secretAccessKey: "new-secret", sessionToken: "" } });
    expect(sentTokens()).toEqual(["new-token", undefined]);
    expect(JSON.stringify(seen)).not.toContain(STORED_TOKEN);
  });

  it("keeps blank meaning keep on the stored host, and removes a stored token only when asked", async () => {
    const form = await saved(recorderUrl);
    expect(await prepare(form)).toMatchObject({ ok: true, secrets: { secretAccessKey: STORED_SECRET, sessionToken: STORED_TOKEN } });
    expect(await prepare({ ...form, removeSessionToken: true })).toMatchObject({ ok: true, secrets: { sessionToken: "" } });
    expect(sentTokens()).toEqual([STORED_TOKEN, undefined]);
    // Nothing was saved by testing.
    expect((await loadDestination(database.prisma, config.keyring, form.id))?.settings.sessionToken).toBe(STORED_TOKEN);
  });
});
