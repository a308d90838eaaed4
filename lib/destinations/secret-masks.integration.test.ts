import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultRoutingFields } from "@/lib/destinations/destination-fields";

vi.mock("server-only", () => ({}));

import { createKeyring } from "@/lib/platform/crypto/keyring";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/platform/db/database-target";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { listDestinations, saveDestination } from "./destination-store";
import { reencryptDestinationSecrets } from "./secret-rotation";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";

// Masks are stored when a secret is written, so listing never decrypts: a process that holds only an
// older key (a rolling key rotation) still lists every destination with its real masks.

const KEY_OLD = "d".repeat(64);
const KEY_NEW = "e".repeat(64);
const SECRET = "masks-SECRET-value-WXYZ";
const TOKEN = "masks-TOKEN-value-9876";

const input = (name: string, sessionToken = TOKEN) => ({
  name,
  enabled: true,
  privacyMode: false,
  ...DEFAULT_FILE_SETTINGS,
  ...defaultRoutingFields(),
  provider: "minio" as const,
  bucketName: "traces",
  region: "us-east-1",
  endpoint: "https://s3.example.com",
  accessKeyId: "AKIAMASKS",
  secretAccessKey: SECRET,
  sessionToken,
  prefix: "p",
  pathTemplate: "",
});

const masksOf = (views: Awaited<ReturnType<typeof listDestinations>>) =>
  views.map((v) => [v.name, v.secretAccessKeyMask, v.sessionTokenMask]).sort();

const targets: Array<{ label: string; target: DatabaseTarget }> = [{ label: "PGlite in memory", target: { kind: "pglite", dataDir: null } }];
if (process.env.DATABASE_URL) targets.push({ label: "PostgreSQL (DATABASE_URL)", target: resolveDatabaseTarget() });

describe.each(targets)("stored secret masks on $label", ({ target }) => {
  let database: OpenDatabase;
  const ringNew = createKeyring(KEY_NEW);
  // Knows only the old key, like a not-yet-restarted process while the new key rolls out.
  const ringOld = createKeyring(KEY_OLD);

  beforeAll(async () => {
    database = await openDatabase(target);
  });
  beforeEach(async () => {
    await database.prisma.destination.deleteMany();
    await saveDestination(database.prisma, ringNew, input("with-token"), new Date());
    await saveDestination(database.prisma, ringNew, input("without-token", ""), new Date());
  });
  afterAll(async () => {
    await database?.prisma.destination.deleteMany();
    await database?.close();
  });

  it("lists destinations with a keyring that cannot decrypt them", async () => {
    expect(masksOf(await listDestinations(database.prisma, ringOld))).toEqual([
      ["with-token", "••••WXYZ", "••••9876"],
      ["without-token", "••••WXYZ", null],
    ]);
  });

  it("stores masks, never the secrets, beside the ciphertext", async () => {
    const rows = await database.prisma.destination.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.secretAccessKeyMask, r.sessionTokenMask])).toEqual([
      ["••••WXYZ", "••••9876"],
      ["••••WXYZ", null],
    ]);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(/masks-(SECRET|TOKEN)/);
  });

  it("backfills masks of older rows at boot, after which any keyring lists them", async () => {
    // A row saved before masks were stored, as the migration leaves it.
    await database.prisma.destination.updateMany({ data: { secretAccessKeyMask: null, sessionTokenMask: null } });
    // Until then a key that can decrypt still shows the real mask, and one that cannot still lists.
    expect(masksOf(await listDestinations(database.prisma, ringNew))).toEqual([
      ["with-token", "••••WXYZ", "••••9876"],
      ["without-token", "••••WXYZ", null],
    ]);
    expect(masksOf(await listDestinations(database.prisma, ringOld))).toEqual([
      ["with-token", "••••", "••••"],
      ["without-token", "••••", null],
    ]);

    expect(await reencryptDestinationSecrets(database.prisma, ringNew)).toEqual({
      destinations: 2,
      secrets: 3,
      reencrypted: 0,
      alreadyCurrent: 3,
      masksBackfilled: 3,
    });
    expect(masksOf(await listDestinations(database.prisma, ringOld))).toEqual([
      ["with-token", "••••WXYZ", "••••9876"],
      ["without-token", "••••WXYZ", null],
    ]);
    expect(await reencryptDestinationSecrets(database.prisma, ringNew)).toMatchObject({ masksBackfilled: 0 });
  });
});
