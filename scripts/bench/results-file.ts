// What the machine is, and the raw figures of a run written to bench/results/<stamp>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { log, RESULTS_DIR, ROOT, round } from "./config";

export function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((v) => round(v, 2)),
  };
}

export function writeResults(stamp: string, results: { durationS: number }): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`raw figures: ${path.relative(ROOT, file)} (${results.durationS} s in all)`);
}
