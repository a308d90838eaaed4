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
