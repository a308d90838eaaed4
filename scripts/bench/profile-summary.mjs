#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1): self time by function and by package.
//   node scripts/bench/profile-summary.mjs bench/results/profiles/<run>/CPU.*.cpuprofile [top=30]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: profile-summary.mjs <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

const pkg = (url) => {
  if (!url) return "(native/internal)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node:internal";
  if (url.includes("/.next/")) return `.next: ${url.split("/.next/")[1].split("/").slice(0, 3).join("/")}`;
  return url;
};
const fnTotals = new Map();
const pkgTotals = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const key = `${cf.functionName || "(anonymous)"}  ${pkg(cf.url)}:${cf.lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
  const p = cf.url ? pkg(cf.url) : cf.functionName; // (idle), (garbage collector), (program)
  pkgTotals.set(p, (pkgTotals.get(p) ?? 0) + us);
}
const pct = (us) => `${((us / totalUs) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(`total ${(totalUs / 1e6).toFixed(1)} s sampled\n\nby package / category:`);
for (const [k, us] of [...pkgTotals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
console.log("\nby function (self time):");
for (const [k, us] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
