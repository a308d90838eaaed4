// The verdicts (PASS/MISS per target) and the tables printed at the end of a run.
import { OPTIONS, round, SIZES, sizeLabel, TARGETS } from "./config";
import type { PreviewResult, TestConnectionResult } from "./quick-checks";
import { requestsPerSec, type Section } from "./section";

export type Verdict = { target: string; value: string; goal: string; pass: boolean; database?: string };

export function verdicts(sections: Section[], testConnection: TestConnectionResult, preview: PreviewResult): Verdict[] {
  const out: Verdict[] = [];
  for (const s of sections) {
    const db = s.database;
    for (const size of SIZES) {
      const label = sizeLabel(size);
      const e = singleTraceClosed(s, label);
      const put = s.barePut[label];
      if (e && put) {
        const ratio = e.deliveredPerSec / put.objectsPerSec;
        out.push({ database: db, target: `delivered/s ÷ bare PutObject/s (${label})`, value: `${round(ratio, 2)} (${e.deliveredPerSec} / ${put.objectsPerSec})`, goal: `≥ ${TARGETS.deliveredVsBarePut}`, pass: e.complete && ratio >= TARGETS.deliveredVsBarePut });
      }
    }
    const alone = s.ingestAlone;
    const http = s.bareHttp[sizeLabel(4_000)];
    if (alone && http) {
      const ratio = alone.load.acceptedPerSec / http.acceptedPerSec;
      const allAccepted = alone.load.accepted === alone.load.requests;
      out.push({ database: db, target: "ingest alone (Broadcast off) ÷ bare node:http (4 KB)", value: `${round(ratio, 2)} (${alone.load.acceptedPerSec} / ${http.acceptedPerSec})`, goal: `≥ ${TARGETS.ingestAloneVsBareHttp}`, pass: allAccepted && ratio >= TARGETS.ingestAloneVsBareHttp });
    }
    const batch = s.e2e.find((r) => r.tracesPerRequest > 1);
    const put4 = s.barePut[sizeLabel(4_000)];
    if (batch && put4) {
      const ratio = batch.acceptedTracesPerSec / put4.objectsPerSec;
      out.push({ database: db, target: `batches of ${batch.tracesPerRequest}: accepted traces/s ÷ bare PutObject/s (4 KB)`, value: `${round(ratio, 2)} (${batch.acceptedTracesPerSec} / ${put4.objectsPerSec})`, goal: `≥ ${TARGETS.batchTracesVsBarePut}`, pass: batch.complete && batch.load.accepted === batch.load.requests && ratio >= TARGETS.batchTracesVsBarePut });
    }
    const rate = s.e2e.find((r) => r.load.mode === "open");
    if (rate && db === "pglite") {
      const p99 = rate.load.latencyMs.p99;
      const allAccepted = rate.load.accepted === rate.load.requests;
      out.push({ database: db, target: `ingest p99 at ${OPTIONS.rate} req/s`, value: `${p99} ms${allAccepted ? "" : ` (${rate.load.requests - rate.load.accepted} not accepted)`}`, goal: `< ${TARGETS.p99AtRateMs} ms`, pass: allAccepted && p99 < TARGETS.p99AtRateMs });
    } else if (rate) {
      out.push({ database: db, target: `ingest p99 at ${OPTIONS.rate} req/s (informational)`, value: `${rate.load.latencyMs.p99} ms`, goal: `(< ${TARGETS.p99AtRateMs} ms on PGlite)`, pass: rate.load.latencyMs.p99 < TARGETS.p99AtRateMs });
    }
    const otlp = s.e2e.find((r) => r.name.startsWith("otlp"));
    const native = singleTraceClosed(s, sizeLabel(4_000));
    if (otlp && native) {
      const ratio = otlp.load.acceptedPerSec / native.load.acceptedPerSec;
      out.push({ database: db, target: "OTLP one span a request ÷ native one trace (accepted/s)", value: `${round(ratio, 2)} (${otlp.load.acceptedPerSec} / ${native.load.acceptedPerSec})`, goal: `≥ ${TARGETS.otlpVsNative}`, pass: otlp.complete && otlp.load.accepted === otlp.load.requests && ratio >= TARGETS.otlpVsNative });
    }
    const rssGoal = TARGETS.peakRssMb[db];
    out.push({ database: db, target: "app peak RSS (server process tree)", value: `${s.peakRssMb} MB`, goal: `< ${rssGoal} MB`, pass: s.peakRssMb < rssGoal });
  }
  const tc = Math.max(testConnection.firstMs, testConnection.warm.max);
  out.push({ target: "Test Connection round trip (worst of 21)", value: `${tc} ms (first ${testConnection.firstMs}, median ${testConnection.warm.p50})`, goal: `< ${TARGETS.testConnectionMs} ms`, pass: testConnection.failures.length === 0 && tc < TARGETS.testConnectionMs });
  out.push({ target: "path preview per keystroke (p99)", value: `${preview.perKeystrokeUs.p99} µs (max ${preview.perKeystrokeUs.max} µs)`, goal: `< ${TARGETS.previewPerKeystrokeMs} ms`, pass: preview.perKeystrokeUs.p99 / 1000 < TARGETS.previewPerKeystrokeMs });
  return out;
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows.map((r, i) => {
    const line = r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ");
    return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
  }).join("\n");
}

/** The scenario table, the framework-floor table (both only when the app was measured), the verdicts and the machine line. */
export function printReport(results: { sections: Section[]; verdicts: Verdict[]; machine: { nproc: number; memoryGb: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] } }): void {
  const { sections } = results;
  if (sections.length > 0) printScenarioTables(sections);
  console.log(table([["", "target", "value", "goal", "database"], ...results.verdicts.map((v) => [v.pass ? "PASS" : "MISS", v.target, v.value, v.goal, v.database ?? ""])]));
  console.log(`\nmachine: ${results.machine.nproc} CPUs, ${results.machine.memoryGb} GB, node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(" ")} → ${results.machine.loadAverageAtEnd.join(" ")}`);
}

/** The closed loop of single-trace requests at `label` (not the batch scenario). */
function singleTraceClosed(s: Section, label: string) {
  return s.e2e.find((r) => r.size === label && r.load.mode === "closed" && r.tracesPerRequest === 1 && !r.name.startsWith("otlp"));
}

function printScenarioTables(sections: Section[]): void {
  // The summary table.
  const rows: string[][] = [["database", "scenario", "size", "accepted/s", "traces/s", "delivered/s", "bare PutObject/s", "deliv÷put", "bare http/s", "acc÷http", "p50 ms", "p95 ms", "p99 ms", "backlog empty", "CPU ms/trace", "bare put CPU ms/obj", "peak RSS"]];
  for (const s of sections) {
    for (const e of [...(s.ingestAlone ? [s.ingestAlone] : []), ...s.e2e]) {
      const put = s.barePut[e.size];
      const http = s.bareHttp[e.size];
      const closed = e.load.mode === "closed";
      rows.push([
        s.database, e.name, e.size, String(e.load.acceptedPerSec), String(e.acceptedTracesPerSec), `${e.deliveredPerSec}${e.complete ? "" : " (incomplete)"}`,
        String(put?.objectsPerSec ?? ""), closed && put ? String(round(e.deliveredPerSec / put.objectsPerSec, 2)) : "-",
        String(http?.acceptedPerSec ?? ""), closed && http ? String(round(e.load.acceptedPerSec / http.acceptedPerSec, 2)) : "-",
        String(e.load.latencyMs.p50), String(e.load.latencyMs.p95), String(e.load.latencyMs.p99),
        `${round(e.backlogEmptyAfterStartMs / 1000, 2)} s (+${round(e.backlogEmptyAfterLoadMs / 1000, 2)} s)`,
        String(e.cpuMsPerTrace), String(put?.cpuMsPerObject ?? ""), `${e.peakRssMb} MB`,
      ]);
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log("backlog empty: seconds from the first POST until every accepted trace is in the bucket (+ after the last 202)\n");
  const floorRows: string[][] = [["database", "size", "ingest route floor req/s (401, no DB)", "bare http/s", "floor÷http", "accepted/s", "accepted÷floor"]];
  for (const s of sections) {
    for (const size of SIZES) {
      const label = sizeLabel(size);
      const floor = s.frameworkFloor[label];
      const http = s.bareHttp[label];
      const e = singleTraceClosed(s, label);
      if (!floor || !http || !e) continue;
      const f = requestsPerSec(floor);
      floorRows.push([s.database, label, String(f), String(http.acceptedPerSec), String(round(f / http.acceptedPerSec, 2)), String(e.load.acceptedPerSec), String(round(e.load.acceptedPerSec / f, 2))]);
    }
  }
  console.log(`${table(floorRows)}\n`);
}
