#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, integration tests, production build, browser tests, in that
// order, stopping at the first failure. Ends with one plain line, `ALL: N passed, M failed`, so a CI
// log has a single place to look. `--only unit|integration|e2e` (comma-separated for several) runs a
// subset; SKIP_BUILD=1 reuses an existing `next build` for e2e.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countPlaywright, countVitest, formatSummary, judgeTestStep } from "./test-counts.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const resultsDir = path.join(root, ".tmp", "test-results");

const vitestStep = (project) => {
  const report = path.join(resultsDir, `vitest-${project}.json`);
  return {
    name: `vitest ${project}`,
    group: project,
    command: [bin("vitest"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    report,
    count: countVitest,
  };
};
const playwrightReport = path.join(resultsDir, "playwright.json");

const allSteps = [
  { name: "typecheck", group: "all", command: [bin("tsc"), "--noEmit"] },
  // ESLint also enforces the layer boundaries (eslint.config.mjs); a crossing fails here.
  { name: "lint", group: "all", command: [bin("eslint"), "."] },
  vitestStep("unit"),
  vitestStep("integration"),
  { name: "next build", group: "e2e", command: [bin("next"), "build"], skip: process.env.SKIP_BUILD === "1" && "SKIP_BUILD=1" },
  {
    name: "playwright",
    group: "e2e",
    command: [bin("playwright"), "test", "--reporter=list,json,html"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, PW_TEST_HTML_REPORT_OPEN: "never" },
    report: playwrightReport,
    count: countPlaywright,
  },
];

function selectSteps(argv) {
  const at = argv.indexOf("--only");
  const unknown = argv.filter((arg, i) => arg !== "--only" && i !== at + 1);
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(" ")}`);
  if (at === -1) return allSteps;
  const groups = (argv[at + 1] ?? "").split(",").filter(Boolean);
  const valid = ["unit", "integration", "e2e"];
  if (!groups.length || groups.some((g) => !valid.includes(g))) throw new Error(`--only takes ${valid.join("|")} (comma-separated)`);
  return allSteps.filter((step) => groups.includes(step.group));
}

let current = null;
let interrupted = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = signal;
    current?.kill(signal);
  });
}

function run([command, ...args], extraEnv) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
    current.on("error", (error) => {
      console.error(`[test] could not run ${command}: ${error.message}`);
      resolve(127);
    });
    current.on("exit", (code) => resolve(code));
  });
}

function readReport(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function main() {
  let steps;
  try {
    steps = selectSteps(process.argv.slice(2));
  } catch (error) {
    console.error(`[test] ${error.message}`);
    console.log(formatSummary({ passed: 0, failed: 1 }));
    return 2;
  }
  mkdirSync(resultsDir, { recursive: true });
  const totals = { passed: 0, failed: 0, flaky: /** @type {string[]} */ ([]) };
  const lines = [];

  for (const [index, step] of steps.entries()) {
    const title = `[test] step ${index + 1}/${steps.length}: ${step.name}`;
    if (step.skip) {
      console.log(`${title}: skipped (${step.skip})`);
      lines.push(`${step.name}: skipped (${step.skip})`);
      continue;
    }
    console.log(`\n${title}\n[test] $ ${step.command.map((part) => path.relative(root, part) || part).join(" ")}`);
    // A report left by an earlier run must never be mistaken for this one's.
    if (step.report) rmSync(step.report, { force: true });
    const started = Date.now();
    const exitCode = await run(step.command, step.env);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    let ok;
    let detail;
    if (step.count) {
      const report = readReport(step.report);
      const counts = report ? step.count(report) : null;
      const verdict = judgeTestStep({ exitCode, counts });
      totals.passed += verdict.passed;
      totals.failed += verdict.failed;
      totals.flaky.push(...(counts?.flaky ?? []));
      ok = verdict.ok;
      detail = `${verdict.passed} passed, ${counts?.failed ?? 0} failed, ${counts?.skipped ?? 0} skipped${counts?.flaky?.length ? `, ${counts.flaky.length} passed only on retry` : ""}${verdict.reason ? ` (${verdict.reason})` : ""}`;
    } else {
      ok = exitCode === 0;
      // A failed typecheck or build has no test count; it still counts as one failure.
      if (!ok) totals.failed += 1;
      detail = ok ? "ok" : `exited with ${exitCode ?? "a signal"}`;
    }
    lines.push(`${step.name}: ${ok ? "ok" : "FAILED"}: ${detail} in ${seconds} s`);
    console.log(`[test] ${step.name}: ${ok ? "ok" : "FAILED"} in ${seconds} s`);
    if (!ok || interrupted) {
      if (interrupted) lines.push(`interrupted by ${interrupted}`);
      const rest = steps.slice(index + 1).map((s) => s.name);
      if (rest.length) lines.push(`not run: ${rest.join(", ")}`);
      break;
    }
  }

  console.log(`\n${lines.map((line) => `[test] ${line}`).join("\n")}`);
  console.log(formatSummary(totals));
  return totals.failed === 0 && !interrupted ? 0 : 1;
}

process.exitCode = await main();
