import v8 from "node:v8";

// V8 lets the old generation grow to several times what survives a collection before it collects
// again: under an ingest burst the server's heap reached ~250 MB while only ~70 MB of it was live,
// and that memory stays resident. Growing by at most half of the live size each time keeps the peak
// RSS of a bench run ~25 % lower (≈470 → ≈350 MB) for ~7 % less throughput (docs/performance.md).
// It is a growth rule, not a cap: a heap that really needs more still gets it.
export const HEAP_GROWING_PERCENT = 50;

/** Applies the rule unless the operator already tuned V8's heap on the command line or NODE_OPTIONS. */
export function applyHeapTuning(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ""): boolean {
  if (operatorTunedHeap(execArgv, nodeOptions)) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

export function operatorTunedHeap(execArgv: readonly string[], nodeOptions: string): boolean {
  const flags = [...execArgv, ...nodeOptions.split(/\s+/)];
  return flags.some((flag) => /^--(?:heap-growing-percent|max-old-space-size|max-heap-size)(?:=|$)/.test(flag.replace(/_/g, "-")));
}
