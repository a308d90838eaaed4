#!/usr/bin/env node
// `npm run bench`: runs scripts/bench/bench.ts under tsx with the react-server condition (so the
// app's `server-only` modules can be imported directly, as the integration tests do), forwarding
// Ctrl-C / SIGTERM so the benchmark stops everything it started. See docs/performance.md.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "bench", "bench.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_NO_WARNINGS: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
