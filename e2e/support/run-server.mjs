#!/usr/bin/env node
// Playwright's webServer command: empties the e2e database, then runs `next start` with the e2e
// environment, echoing its output and writing it to .tmp/e2e-server.log, which specs scan to prove
// no secret is ever logged. The reset lives here, not in the global setup, because Playwright may
// start this server before the global setup runs; here it always precedes the app opening the DB.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const config = await tsImport("./e2e-config.ts", import.meta.url);
const { resetDatabase } = await tsImport("../../tests/db/reset-database.ts", import.meta.url);

const env = config.buildServerEnv(process.env);
const reset = await resetDatabase(env);
console.log(`[run-server] reset the e2e database (${reset.kind === "postgres" ? `PostgreSQL database ${reset.database}` : reset.kind === "pglite" ? reset.removed : "in memory"})`);

mkdirSync(config.TMP_DIR, { recursive: true });
// One log per server start ("w"), so a spec reading it sees this run only.
const log = createWriteStream(config.SERVER_LOG, { flags: "w" });
const next = path.join(config.REPO_ROOT, "node_modules", ".bin", "next");
const child = spawn(next, ["start", "-p", String(config.APP_PORT), "-H", config.APP_HOST], {
  cwd: config.REPO_ROOT,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});

child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});

// Playwright stops the webServer with a signal; pass it on so Next.js shuts down cleanly.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`[run-server] could not start ${next}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code) => {
  // A signal death (our own SIGTERM at shutdown included) is reported as a failure; Playwright ignores it then.
  log.end(() => process.exit(code ?? 1));
});
