// Diagnostic (not part of `npm run bench`): times the ingest path's database work on its own, outside
// Next.js, to separate database cost from HTTP/framework cost.
//   BROADCAST_DATA_DIR=.tmp/x node --conditions=react-server --import tsx scripts/bench/db-micro.ts [count] [concurrency]
import { defaultRoutingFields } from "@/lib/destinations/destination-fields";
import { authenticateApiKey, createApiKey } from "@/lib/api-keys/api-key-store";
import { openDatabase } from "@/lib/platform/db/open-database";
import { enqueueBatch, enqueueTraces, type EnqueueRequest, type EnqueueResult } from "@/lib/delivery/enqueue";
import { GroupCommit } from "@/lib/delivery/group-commit";
import { saveDestination } from "@/lib/destinations/destination-store";
import { createKeyring } from "@/lib/platform/crypto/keyring";
import { buildSizedEvent } from "@/lib/core/trace/sample-trace";
import { parseIngestBody } from "@/lib/core/trace/trace-event-schema";
import { setBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-setting";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";

const count = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 1);
const db = await openDatabase();
const prisma = db.prisma;
const key = await createApiKey(prisma, `micro-${Date.now()}`);
if (!key.ok) throw new Error("key");
await saveDestination(prisma, createKeyring("62656e6368".padEnd(64, "0")), {
  name: "m", provider: "other", bucketName: "bench", region: "us-east-1", endpoint: "http://127.0.0.1:9", accessKeyId: "S3RVER",
  secretAccessKey: "S3RVER", sessionToken: "", prefix: "m", pathTemplate: "{prefix}/{date}", enabled: true, privacyMode: false, ...DEFAULT_FILE_SETTINGS,
  ...defaultRoutingFields(),
}, new Date());
await setBroadcastEnabled(prisma, true);
const base = buildSizedEvent(4000, 1);
const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) await fn(next++); }));
  const ms = performance.now() - t;
  console.log(`${label.padEnd(28)} ${(ms / count).toFixed(2)} ms each, ${Math.round((count / ms) * 1000)}/s (c=${concurrency})`);
};
await time("authenticateApiKey", () => authenticateApiKey(prisma, key.key));
await time("SELECT 1", () => prisma.$queryRaw`SELECT 1`);
await time("enqueueTraces (1 event)", (i) => {
  const parsed = parseIngestBody({ ...base, id: `m-${i}` }, new Date());
  if (!parsed.ok) throw new Error("parse");
  return enqueueTraces(prisma, parsed.events, { apiKeyName: "m", apiKeyId: "m", now: new Date() });
});
{
  // What ingest does: concurrent single-event requests through the group commit.
  const commits = new GroupCommit<EnqueueRequest, EnqueueResult>({ commit: (r) => enqueueBatch(prisma, r), maxBatchWeight: 500, weigh: (r) => r.events.length });
  await time("group commit (1 event each)", (i) => {
    const parsed = parseIngestBody({ ...base, id: `g-${i}` }, new Date());
    if (!parsed.ok) throw new Error("parse");
    return commits.add({ events: parsed.events, ctx: { apiKeyName: "m", apiKeyId: "m", now: new Date() } });
  });
}
{
  const batch = 16;
  const t = performance.now();
  for (let b = 0; b < count / batch; b++) {
    const parsed = parseIngestBody({ traces: Array.from({ length: batch }, (_, j) => ({ ...base, id: `mb-${b}-${j}` })) }, new Date());
    if (!parsed.ok) throw new Error("parse");
    await enqueueTraces(prisma, parsed.events, { apiKeyName: "m", apiKeyId: "m", now: new Date() });
  }
  const ms = performance.now() - t;
  console.log(`${"enqueueTraces (16 events)".padEnd(28)} ${(ms / count).toFixed(2)} ms per event, ${Math.round((count / ms) * 1000)}/s`);
}
await time("$transaction(SELECT 1)", () => prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
await db.close();
{
  const db2 = await openDatabase();
  const p2 = db2.prisma;
  await time("parseIngestBody 4KB", async (i) => parseIngestBody({ ...base, id: `p-${i}` }, new Date()));
  const parsed = parseIngestBody({ ...base, id: `x` }, new Date());
  if (!parsed.ok) throw new Error("parse");
  const { toStoredEvent } = await import("@/lib/delivery/trace-payload");
  const ev = parsed.events[0]!;
  await time("toStoredEvent", async () => toStoredEvent(ev));
  const dest = await p2.$queryRaw<{ id: string }[]>`SELECT id FROM destinations LIMIT 1`;
  await time("trace.create 4KB json", async () => p2.trace.create({ data: { id: crypto.randomUUID(), event: toStoredEvent(ev) as never, apiKeyName: "m", receivedAt: new Date() } }));
  await time("trace.createMany 4KB json", async () => p2.trace.createMany({ data: [{ id: crypto.randomUUID(), event: toStoredEvent(ev) as never, apiKeyName: "m", receivedAt: new Date() }] }));
  await time("raw insert 4KB json", async () => p2.$executeRaw`INSERT INTO traces (id, event, api_key_name, received_at) VALUES (${crypto.randomUUID()}::uuid, ${JSON.stringify(toStoredEvent(ev))}::json, 'm', now())`);
  await time("targets select", async () => p2.$queryRaw`SELECT d.id, d.prefix, d.path_template, d.privacy_mode FROM destinations d WHERE d.enabled AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled) ORDER BY d.created_at`);
  void dest;
  await db2.close();
}
