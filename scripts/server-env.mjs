// Environment the app server process starts with, shared by `npm start` and `npm run bench` so the
// benchmark measures what users run.
//
// glibc raises its trim threshold on the fly (up to 64 MB) once large blocks are freed, after which
// freed memory (V8's compiler zones, while it optimises PGlite's WebAssembly) stays in the process
// for good. A fixed 128 KiB threshold hands it back: app peak RSS in `npm run bench` went
// 356–374 → 310–325 MB on the embedded database with no throughput change beyond noise
// (docs/performance.md). Glibc reads it only at process start, hence an environment variable here.
export const MALLOC_TRIM_THRESHOLD = "131072";

/** Adds the memory settings unless the operator set their own. Returns a new object. */
export function withServerMemoryEnv(env) {
  const out = { ...env };
  if (out.MALLOC_TRIM_THRESHOLD_ === undefined) out.MALLOC_TRIM_THRESHOLD_ = MALLOC_TRIM_THRESHOLD;
  return out;
}

// V8 lets the old generation grow to several times what survives a collection before it collects
// again: under an ingest burst the server's heap reached ~250 MB while only ~70 MB of it was live,
// and that memory stays resident. Growing by at most half of the live size each time keeps the peak
// RSS of a bench run ~25 % lower (≈470 → ≈350 MB) for ~7 % less throughput (docs/performance.md).
// It is a growth rule, not a cap: a heap that really needs more still gets it. Node refuses this flag
// in NODE_OPTIONS, and `next start` serves from the process it is started in, so it goes on the
// command line.
export const HEAP_GROWING_PERCENT = 50;

/** The node flags for the server: the operator's own, plus the heap growth rule unless they tuned the heap. */
export function withServerNodeFlags(operatorFlags = [], nodeOptions = "") {
  if (operatorTunedHeap(operatorFlags, nodeOptions)) return [...operatorFlags];
  return [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, ...operatorFlags];
}

export function operatorTunedHeap(flags, nodeOptions) {
  const all = [...flags, ...nodeOptions.split(/\s+/)];
  return all.some((flag) => /^--(?:heap-growing-percent|max-old-space-size|max-heap-size)(?:=|$)/.test(flag.replace(/_/g, "-")));
}
