#!/usr/bin/env node
// Playwright's webServer command: empties the e2e database, then runs the production server
// (`npm start`'s: .next/broadcast/server.mjs, ingest on node:http and the rest through Next.js) with the e2e
// environment, echoing its output and writing it to .tmp/e2e-server.log, which specs scan to prove
// no secret is ever logged. The reset lives here, not in the global setup, because Playwright may
// start this server before the global setup runs; here it always precedes the app opening the DB.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { tsImport } from "tsx/esm/api";
import { buildServer, SERVER_ENTRY } from "../../scripts/build-server.mjs";

const config = await tsImport("./e2e-config.ts", import.meta.url);
const { resetDatabase } = await tsImport("../../tests/db/reset-database.ts", import.meta.url);

const env = config.buildServerEnv(process.env);
const reset = await resetDatabase(env);
console.log(`[run-server] reset the e2e database (${reset.kind === "postgres" ? `PostgreSQL database ${reset.database}` : reset.kind === "pglite" ? reset.removed : "in memory"})`);

mkdirSync(config.TMP_DIR, { recursive: true });
// One log per server start ("w"), so a spec reading it sees this run only.
const log = createWriteStream(config.SERVER_LOG, { flags: "w" });
// `next build` alone (scripts/test.mjs, by hand) empties .next: bundle the server again if so.
if (!existsSync(SERVER_ENTRY)) await buildServer();
const server = SERVER_ENTRY;
const child = spawn(process.execPath, [server, "-p", String(config.APP_PORT), "-H", config.APP_HOST], {
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

// Playwright stops the webServer with a signal; pass it on so the server shuts down cleanly.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`[run-server] could not start ${server}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code) => {
  // A signal death (our own SIGTERM at shutdown included) is reported as a failure; Playwright ignores it then.
  log.end(() => process.exit(code ?? 1));
});
