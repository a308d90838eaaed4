#!/usr/bin/env node
// `npm start`: build when needed, start the local demo bucket (embedded default only), then serve.
// Migrations and configuration checks run inside the server itself (lib/platform/runtime/boot.ts, also
// called by instrumentation.ts), so `next start` on its own behaves the same way, minus the lean ingest path.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { isBuildFresh } from "./build-freshness.mjs";
import { buildServer, SERVER_ENTRY } from "./build-server.mjs";
import { startLocalS3 } from "./local-s3.mjs";
import { isEncryptionKeyMissing, MISSING_ENCRYPTION_KEY_MESSAGE } from "../lib/platform/env/encryption-key-rule.mjs";
import { withServerMemoryEnv, withServerNodeFlags } from "./server-env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const userEnv = process.env.NODE_ENV;
const isProduction = userEnv === "production";
const log = (line) => console.log(`[broadcast] ${line}`);

// The server checks the same rule at boot; checking here too spares a build that could not start.
if (isEncryptionKeyMissing(process.env)) {
  console.error(`[broadcast] cannot start: ${MISSING_ENCRYPTION_KEY_MESSAGE}`);
  process.exit(1);
}

if (!isBuildFresh(root)) {
  log("building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// `next build` empties .next, so a missing bundle means it was rebuilt (or never built by `npm run build`).
if (!existsSync(SERVER_ENTRY)) await buildServer();

const env = withServerMemoryEnv(process.env);
// `next start` forces NODE_ENV=production inside the server; tell it whether the *user* runs
// production, so the embedded default may still generate its encryption key on first start.
if (!isProduction) env.BROADCAST_ALLOW_GENERATED_KEY = "1";
// On SIGTERM Next.js would exit 143 as soon as its HTTP server closed, cutting off the deliveries in
// flight; the app's own handler (lib/platform/runtime/shutdown.ts) drains them and exits 0 instead.
env.NEXT_MANUAL_SIG_HANDLE ??= "1";

let localS3 = null;
const wantsLocalS3 = !process.env.DATABASE_URL && !isProduction && process.env.BROADCAST_LOCAL_S3 !== "0";
if (wantsLocalS3) {
  localS3 = await startLocalS3({ root, port: Number(process.env.BROADCAST_LOCAL_S3_PORT || 4568) });
  const entry = `127.0.0.1:${localS3.port}`;
  env.BROADCAST_ALLOWED_ENDPOINTS = [process.env.BROADCAST_ALLOWED_ENDPOINTS, entry].filter(Boolean).join(",");
  log("local DEMO bucket for trying Broadcast out (BROADCAST_LOCAL_S3=0 turns it off).");
  log("  It does not check credentials: any Secret Access Key passes Test Connection. Use a real bucket for real traces.");
  log(`  Custom Endpoint   ${localS3.endpoint}`);
  log(`  Bucket Name       ${localS3.bucket}`);
  log(`  Region            us-east-1`);
  log(`  Access Key Id     ${localS3.accessKeyId}`);
  log(`  Secret Access Key ${localS3.secretAccessKey}`);
  log(`  files land in     ${localS3.directory} (list them as S3 keys: npm run local-files; print them: npm run local-files -- --print)`);
}

const port = process.env.PORT || "3000";
// Loopback only by default: a fresh install is claimed by whoever opens the setup link, so it is not
// offered to the network until the operator says so (BROADCAST_HOST=0.0.0.0, or a specific address).
// Not HOSTNAME: Docker sets that to the container's id.
const host = process.env.BROADCAST_HOST?.trim() || "127.0.0.1";
env.PORT = port; // the server prints its setup link with it
const nodeFlags = withServerNodeFlags([], process.env.NODE_OPTIONS ?? "");
// The production server (lib/platform/server/main.ts): ingest on node:http, the rest through Next.js.
const server = spawn(process.execPath, [...nodeFlags, SERVER_ENTRY, "-p", port, "-H", host], {
  cwd: root,
  env,
  stdio: "inherit",
});
log(`serving http://localhost:${port}${host === "127.0.0.1" ? " (this machine only; BROADCAST_HOST=0.0.0.0 opens it to the network)" : ` on ${host}`}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.kill(signal); // the server drains its work on SIGTERM; we wait for it below
  });
}
server.on("exit", async (code, signal) => {
  await localS3?.close().catch(() => {});
  process.exit(code ?? (signal ? 0 : 1));
});
