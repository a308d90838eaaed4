// Build (the same freshness rule as scripts/start.mjs) and the private copy of it the app serves from.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { isBuildFresh } from "../build-freshness.mjs";
import { buildServer, SERVER_ENTRY } from "../build-server.mjs";
import { log, NEXT_BIN, ROOT, sleep } from "./config";

/** Pids of `next build` processes running in this tree (another engineer's, or an earlier run's). */
function otherBuilds(): number[] {
  const pids: number[] = [];
  for (const name of existsSync("/proc") ? readdirSync("/proc") : []) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (readlinkSync(`/proc/${name}/cwd`) !== ROOT) continue;
      const i = cmd.findIndex((a) => /(^|\/)next$/.test(a));
      if (i >= 0 && cmd[i + 1] === "build") pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

export async function ensureBuild(): Promise<{ built: boolean; ms: number; waitedForOtherBuildMs: number }> {
  // `next build` refuses to run while another one holds .next/lock; wait for it (up to 10 minutes).
  const waitStart = Date.now();
  for (let announced = false; otherBuilds().length > 0; announced = true) {
    if (!announced) log("another `next build` is running in this tree; waiting for it to finish…");
    if (Date.now() - waitStart > 600_000) throw new Error("another next build has been running for 10 minutes; try again later");
    await sleep(1_000);
  }
  const waitedForOtherBuildMs = Date.now() - waitStart;
  const fresh = isBuildFresh(ROOT);
  if (fresh) {
    log("reusing the existing production build (.next/BUILD_ID is newer than the sources)");
    if (!existsSync(SERVER_ENTRY)) await buildServer();
    return { built: false, ms: 0, waitedForOtherBuildMs };
  }
  log("building the app (next build)…");
  const t = performance.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  await buildServer();
  return { built: true, ms: Math.round(performance.now() - t), waitedForOtherBuildMs };
}

/**
 * Other engineers build and test in this same tree, and `next build` empties .next first: a server
 * started from .next can lose its files mid-run. The benchmark therefore serves from a private copy:
 * .tmp/bench-<stamp>-app/ holds a copy of the build output (without caches) and symlinks to
 * everything else (node_modules, prisma/migrations, next.config.js, …), and `next start` runs there.
 */
export async function snapshotBuild(stamp: string): Promise<string> {
  const dir = path.join(ROOT, ".tmp", `bench-${stamp}-app`);
  const skip = new Set([".next", ".tmp", ".git", "data"]);
  for (let attempt = 1; ; attempt++) {
    while (otherBuilds().length > 0) await sleep(1_000);
    const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
    const before = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    if (before === null) throw new Error(".next/BUILD_ID is missing (a build was removed or failed); run the benchmark again");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(ROOT)) if (!skip.has(entry)) symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    cpSync(path.join(ROOT, ".next"), path.join(dir, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !/[\\/]\.next[\\/](cache|dev|trace|diagnostics|lock)$/.test(src),
    });
    const after = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    const copied = existsSync(path.join(dir, ".next", "BUILD_ID")) ? readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8") : null;
    if (after === before && copied === before && otherBuilds().length === 0) return dir;
    if (attempt >= 5) throw new Error("the build kept changing while it was being copied; run the benchmark again");
    log("a build changed .next while it was being copied; copying again…");
  }
}
