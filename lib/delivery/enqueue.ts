import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { folderOfObjectKey } from "./trace-payload";
import { queuedTraceObjectKey, routableTraceOf, toStoredTrace, type QueuedTrace } from "./stored-trace";
import { selectDestinations } from "@/lib/core/routing/select-destinations";
import { routingOfRow, type RoutingColumnsRow } from "./target-routing";
import { notifyWorkAvailable } from "./work-signal";
import { getMetrics } from "@/lib/platform/metrics/registry";

export type EnqueueContext = {
  apiKeyName: string;
  /** The sending API key's id, folded into every file name so two keys never share an object. */
  apiKeyId: string;
  now: Date;
  /** Only this destination (if enabled), whatever its routing: Send Test Trace must not write to the others. */
  onlyDestinationId?: string;
};
export type EnqueueResult = { traceIds: string[]; deliveries: number };
/** Native events and OpenTelemetry traces share the queue (lib/delivery/stored-trace.ts). */
export type EnqueueRequest = { events: QueuedTrace[]; ctx: EnqueueContext };

type TargetRow = { id: string; prefix: string; path_template: string; privacy_mode: boolean; file_layout: string } & RoutingColumnsRow;

const NOTHING: EnqueueResult = { traceIds: [], deliveries: 0 };
// Four parameters a row: 1,000 rows stay far below PostgreSQL's 65,535-parameter limit.
const TRACE_ROWS_PER_INSERT = 1_000;

/**
 * Stores the events and one delivery per event × enabled destination whose routing selects it
 * (lib/core/routing), in one transaction, so a 202 answered after this resolves is backed by
 * committed rows. An event no destination selects is not stored. While Broadcast is off (or no
 * destination is enabled) nothing is written and `traceIds` is empty: there is nowhere to deliver.
 */
export async function enqueueTraces(
  prisma: PrismaClient,
  events: QueuedTrace[],
  ctx: EnqueueContext,
): Promise<EnqueueResult> {
  const [result] = await enqueueBatch(prisma, [{ events, ctx }]);
  return result as EnqueueResult;
}

/**
 * enqueueTraces for several requests in one transaction (group commit, see ingest-service.ts):
 * all of them are committed, or none. One result per request, in order.
 */
export async function enqueueBatch(prisma: PrismaClient, requests: EnqueueRequest[]): Promise<EnqueueResult[]> {
  if (requests.every((r) => r.events.length === 0)) return requests.map(() => NOTHING);
  // While Broadcast is off (or no destination is enabled), a one-statement check answers without the
  // transaction's BEGIN/COMMIT round trips (a third of ingest's CPU on the embedded database). Only
  // after a batch found nothing to deliver to: normally the transaction below runs straight away.
  if (foundNoTargets.has(prisma) && !(await hasTargets(prisma))) return requests.map(() => NOTHING);
  const results = await prisma.$transaction(
    async (tx) => {
      // FOR KEY SHARE: a destination deleted meanwhile would fail our inserts' foreign keys; this
      // makes the delete wait instead, without blocking the workers' counter updates on the row.
      const targets = await tx.$queryRaw<TargetRow[]>`
        SELECT d.id, d.prefix, d.path_template, d.privacy_mode, d.file_layout, d.sampling_rate, d.api_key_ids, d.filter_rules
        FROM destinations d
        WHERE d.enabled AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled)
        ORDER BY d.created_at
        FOR KEY SHARE OF d`;
      if (targets.length === 0) {
        foundNoTargets.add(prisma);
        return requests.map(() => NOTHING);
      }
      foundNoTargets.delete(prisma);
      const routed = targets.map((row) => ({ ...row, routing: routingOfRow(row) }));
      const traces: { id: string; event: string; apiKeyName: string; receivedAt: string }[] = [];
      const deliveries = new Columns<"traceId" | "destinationId" | "objectKey" | "privacyMode" | "batched">();
      const out = requests.map(({ events, ctx }): EnqueueResult => {
        const only = ctx.onlyDestinationId;
        if (events.length === 0 || (only && !routed.some((t) => t.id === only))) return NOTHING;
        const receivedAt = ctx.now.toISOString();
        let count = 0;
        const traceIds: string[] = [];
        for (const event of events) {
          // Routing sees the event before Privacy Mode drops content, so rules on input/output hold.
          const to = only
            ? routed.filter((t) => t.id === only)
            : selectDestinations(routed, () => routableTraceOf(event, ctx.apiKeyName), ctx.apiKeyId);
          // A trace no destination selected is not stored: there is nowhere to deliver it.
          if (to.length === 0) continue;
          // Content no destination may receive is not kept at all (see withoutContent).
          const keepsContent = to.some((t) => !t.privacy_mode);
          const id = randomUUID();
          traces.push({ id, event: JSON.stringify(toStoredTrace(event, { keepsContent })), apiKeyName: ctx.apiKeyName, receivedAt });
          traceIds.push(id);
          count += to.length;
          for (const target of to) {
            const key = queuedTraceObjectKey({ prefix: target.prefix, pathTemplate: target.path_template }, event, ctx);
            // A batched row keeps only its folder: the file's name is fixed when its batch is sealed.
            const batched = target.file_layout === "batched";
            deliveries.push({
              traceId: id,
              destinationId: target.id,
              objectKey: batched ? folderOfObjectKey(key) : key,
              privacyMode: target.privacy_mode,
              batched,
            });
          }
        }
        return { traceIds, deliveries: count };
      });
      if (traces.length === 0) return out;
      // Traces as a VALUES list: an unnest() of json[] would make PostgreSQL parse every event a
      // second time as an array literal, which cost 2–3× the insert itself for 40 KB events.
      for (let from = 0; from < traces.length; from += TRACE_ROWS_PER_INSERT) {
        const rows = traces.slice(from, from + TRACE_ROWS_PER_INSERT).map(
          (t) => Prisma.sql`(${t.id}::uuid, ${t.event}::json, ${t.apiKeyName}, ${t.receivedAt}::timestamptz)`,
        );
        await tx.$executeRaw`INSERT INTO traces (id, event, api_key_name, received_at) VALUES ${Prisma.join(rows)}`;
      }
      // Deliveries are small and numerous (events × destinations): unnest keeps them to five
      // parameters whatever the count (a VALUES list could pass PostgreSQL's 65,535-parameter limit).
      // Batched rows wait at 'infinity': their batch (lib/delivery/batch-store.ts) is what gets due.
      await tx.$executeRaw`
        INSERT INTO deliveries (id, trace_id, destination_id, object_key, privacy_mode, batched, next_attempt_at)
        SELECT gen_random_uuid(), v.t, v.d, v.k, v.p, v.b, CASE WHEN v.b THEN 'infinity'::timestamptz ELSE now() END
        FROM unnest(${deliveries.get("traceId")}::uuid[], ${deliveries.get("destinationId")}::uuid[],
                    ${deliveries.get("objectKey")}::text[], ${deliveries.get("privacyMode")}::boolean[],
                    ${deliveries.get("batched")}::boolean[]) AS v(t, d, k, p, b)`;
      return out;
    },
    // A burst of ingest requests queues for connections; the defaults (2 s / 5 s) would turn that
    // queueing into 500s for traces we could have stored a moment later.
    { maxWait: 15_000, timeout: 30_000 },
  );
  getMetrics().tracesAccepted.inc(results.reduce((sum, r) => sum + r.traceIds.length, 0));
  const added = results.reduce((sum, r) => sum + r.deliveries, 0);
  if (added > 0) {
    addToCachedBacklog(prisma, added);
    notifyWorkAvailable();
  }
  return results;
}

// Per client (the runtime container holds one per process; tests open several).
const foundNoTargets = new WeakSet<PrismaClient>();

async function hasTargets(prisma: PrismaClient): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM destinations d WHERE d.enabled)
       AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled) AS any`;
  const any = row?.any === true;
  if (any) foundNoTargets.delete(prisma);
  return any;
}

/** Rows gathered as one array per column, the shape unnest() takes. */
class Columns<K extends string> {
  private readonly columns = new Map<K, unknown[]>();
  length = 0;
  push(row: Record<K, unknown>): void {
    for (const [key, value] of Object.entries(row) as [K, unknown][]) {
      let column = this.columns.get(key);
      if (!column) this.columns.set(key, (column = []));
      column.push(value);
    }
    this.length++;
  }
  get(key: K): unknown[] {
    return this.columns.get(key) ?? [];
  }
}

/** Deliveries waiting to be written (including ones being retried or held by a paused destination). */
export async function backlogSize(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`;
  return Number(rows[0]?.n ?? 0);
}

// Ingest asks on every request; a count per request would cost more than the insert it guards.
const BACKLOG_CACHE_MS = 1_000;
type CachedCount = { value: number; at: number; refreshing: Promise<number> | null };
const backlogCache = new WeakMap<PrismaClient, CachedCount>();

/** True when the pending backlog has reached `limit`. Counted at most about once a second. */
export async function isBacklogFull(prisma: PrismaClient, limit: number): Promise<boolean> {
  return (await cachedBacklogSize(prisma)) >= limit;
}

async function cachedBacklogSize(prisma: PrismaClient): Promise<number> {
  let entry = backlogCache.get(prisma);
  if (!entry) {
    entry = { value: 0, at: 0, refreshing: null };
    backlogCache.set(prisma, entry);
  }
  if (Date.now() - entry.at < BACKLOG_CACHE_MS) return entry.value;
  const current = entry;
  current.refreshing ??= backlogSize(prisma)
    .then((value) => {
      current.value = value;
      current.at = Date.now();
      return value;
    })
    .finally(() => {
      current.refreshing = null;
    });
  return current.refreshing;
}

// Between counts, our own inserts are added so a burst cannot overshoot the limit by a second's worth.
function addToCachedBacklog(prisma: PrismaClient, added: number): void {
  const entry = backlogCache.get(prisma);
  if (entry) entry.value += added;
}
