import { spawnSync } from "node:child_process";
import { defaultRoutingFields } from "@/lib/destinations/destination-fields";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

import { createKeyring } from "@/lib/platform/crypto/keyring";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/platform/db/database-target";
import { openDatabase, type OpenDatabase } from "@/lib/platform/db/open-database";
import { listDestinations, loadDestination, saveDestination } from "./destination-store";
import { checkSecretsReadable, reencryptDestinationSecrets, UnreadableSecretsError } from "./secret-rotation";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";

// Key rotation end to end: secrets saved under key A, A moved to the previous list behind a new key
// B, re-encrypted (as start-up and `npm run rotate-keys` do), then A removed: nothing is lost, and a
// wrong key is reported clearly without any key or secret in the message.

const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);
const KEY_WRONG = "c".repeat(64);
const SECRET = "rotation-SECRET-value-123";
const TOKEN = "rotation-TOKEN-value-456";

const input = (name: string) => ({
  name,
  enabled: true,
  privacyMode: false,
  ...DEFAULT_FILE_SETTINGS,
  ...defaultRoutingFields(),
  provider: "minio" as const,
  bucketName: "traces",
  region: "us-east-1",
  endpoint: "https://s3.example.com",
  accessKeyId: "AKIAROTATION",
  secretAccessKey: SECRET,
  sessionToken: TOKEN,
  prefix: "p",
  pathTemplate: "",
});

const targets: Array<{ label: string; target: DatabaseTarget }> = [{ label: "PGlite in memory", target: { kind: "pglite", dataDir: null } }];
if (process.env.DATABASE_URL) targets.push({ label: "PostgreSQL (DATABASE_URL)", target: resolveDatabaseTarget() });

describe.each(targets)("key rotation on $label", ({ target }) => {
  let database: OpenDatabase;

  beforeAll(async () => {
    database = await openDatabase(target);
    await database.prisma.destination.deleteMany();
  });
  afterAll(async () => {
    await database?.prisma.destination.deleteMany();
    await database?.close();
  });

  it("moves every secret to the new key and keeps working after the old key is removed", async () => {
    const ringA = createKeyring(KEY_A);
    const saved = await saveDestination(database.prisma, ringA, input("rotating"), new Date());
    await saveDestination(database.prisma, ringA, { ...input("second"), sessionToken: "" }, new Date());

    const ringBA = createKeyring(KEY_B, [KEY_A]);
    expect(await checkSecretsReadable(database.prisma, ringBA)).toBe(3);
    expect(await reencryptDestinationSecrets(database.prisma, ringBA)).toEqual({ destinations: 2, secrets: 3, reencrypted: 3, alreadyCurrent: 0, masksBackfilled: 0 });
    expect(await reencryptDestinationSecrets(database.prisma, ringBA)).toMatchObject({ reencrypted: 0, alreadyCurrent: 3 });

    const ringB = createKeyring(KEY_B);
    const loaded = await loadDestination(database.prisma, ringB, saved.id);
    expect(loaded?.settings).toMatchObject({ secretAccessKey: SECRET, sessionToken: TOKEN });
    const rows = await database.prisma.destination.findMany();
    for (const row of rows) expect(row.secretAccessKeyEnc.split(".")[1]).toBe(ringB.current.id);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(SECRET);
    expect((await listDestinations(database.prisma, ringB)).map((d) => d.name).sort()).toEqual(["rotating", "second"]);
  });

  it("reports a key that cannot decrypt the stored rows, naming neither key nor secret", async () => {
    const error = await checkSecretsReadable(database.prisma, createKeyring(KEY_WRONG)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableSecretsError);
    const message = (error as Error).message;
    expect(message).toMatch(/3 of 3 stored destination secrets cannot be decrypted.*BROADCAST_ENCRYPTION_KEYS_PREVIOUS/);
    for (const forbidden of [KEY_A, KEY_B, KEY_WRONG, SECRET, TOKEN]) expect(message).not.toContain(forbidden);
  });
});

describe("npm run rotate-keys", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "broadcast-rotate-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = (env: Record<string, string>) =>
    spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/rotate-keys.ts"], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", BROADCAST_DATA_DIR: dataDir, ...env },
      encoding: "utf8",
    });

  it("re-encrypts the embedded database under the current key and reports counts", async () => {
    const database = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    await saveDestination(database.prisma, createKeyring(KEY_A), input("cli"), new Date());
    await database.close();

    const wrong = run({ BROADCAST_ENCRYPTION_KEY: KEY_WRONG });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/cannot be decrypted/);
    expect(wrong.stderr + wrong.stdout).not.toContain(KEY_WRONG);

    const rotated = run({ BROADCAST_ENCRYPTION_KEY: KEY_B, BROADCAST_ENCRYPTION_KEYS_PREVIOUS: KEY_A });
    expect(rotated.stderr).toBe("");
    expect(rotated.stdout).toMatch(/1 destinations, 2 secrets; re-encrypted 2, already under the current key 0/);

    const again = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    try {
      const [view] = await listDestinations(again.prisma, createKeyring(KEY_B));
      const loaded = await loadDestination(again.prisma, createKeyring(KEY_B), view!.id);
      expect(loaded?.settings.secretAccessKey).toBe(SECRET);
    } finally {
      await again.close();
    }
  });
});
