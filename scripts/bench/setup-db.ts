// Prepares a fresh benchmark database before the app starts: one API key, one destination pointing
// at the benchmark's s3rver, Broadcast switched on. Opens the store the app will use (PGlite under
// BROADCAST_DATA_DIR, or DATABASE_URL), then closes it: the embedded database allows one process at
// a time. Run by bench.ts as
//   node --conditions=react-server --import tsx scripts/bench/setup-db.ts
// (react-server makes the "server-only" marker importable outside Next.js, as the tests do).
// Input: BENCH_SETUP (JSON, see SetupInput). Output: one JSON line on stdout (SetupOutput).
import { createApiKey } from "@/lib/api-keys/api-key-store";
import { destinationFormSchema } from "@/lib/destinations/destination-schema";
import { createKeyring } from "@/lib/platform/crypto/keyring";
import { openDatabase } from "@/lib/platform/db/open-database";
import { saveDestination } from "@/lib/destinations/destination-store";
import { setBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";

export type SetupInput = {
  encryptionKey: string;
  s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  prefix: string;
  pathTemplate: string;
  /** false: Broadcast stays off (the ingest-alone scenario); default true. */
  broadcastEnabled?: boolean;
};
export type SetupOutput = { apiKey: string; destinationId: string; database: string; openMs: number };

const input = JSON.parse(process.env.BENCH_SETUP ?? "null") as SetupInput | null;
if (!input) throw new Error("BENCH_SETUP is not set");

const started = performance.now();
const database = await openDatabase();
const openMs = Math.round(performance.now() - started);
try {
  const prisma = database.prisma;
  const key = await createApiKey(prisma, "bench");
  if (!key.ok) throw new Error(`createApiKey: ${JSON.stringify(key.fieldErrors)}`);
  // Through the form schema, like a save from the dashboard (Test Connection itself is measured separately).
  const form = destinationFormSchema.parse({
    name: "bench",
    provider: "other",
    bucketName: input.s3.bucket,
    region: "us-east-1",
    endpoint: input.s3.endpoint,
    accessKeyId: input.s3.accessKeyId,
    secretAccessKey: input.s3.secretAccessKey,
    sessionToken: "",
    prefix: input.prefix,
    pathTemplate: input.pathTemplate,
    enabled: true,
    privacyMode: false,
  });
  const destination = await saveDestination(
    prisma,
    createKeyring(input.encryptionKey),
    { ...form, secretAccessKey: input.s3.secretAccessKey, sessionToken: "" },
    new Date(),
  );
  await setBroadcastEnabled(prisma, input.broadcastEnabled ?? true);
  const output: SetupOutput = { apiKey: key.key, destinationId: destination.id, database: database.description, openMs };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  await database.close();
}
