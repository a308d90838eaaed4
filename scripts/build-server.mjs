#!/usr/bin/env node
// Bundles the production server (lib/platform/server/main.ts) and the S3 write threads into
// .next/broadcast/, so `npm start` runs plain JavaScript with no TypeScript loader. Run after
// `next build` (which empties .next). Packages stay external (required from node_modules, like
// Next's serverExternalPackages); only this repository's sources are bundled.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUNDLE_DIR = path.join(root, ".next", "broadcast");
export const SERVER_ENTRY = path.join(SERVER_BUNDLE_DIR, "server.mjs");

// `server-only` throws outside React's server condition; in this bundle everything is server code.
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

const ENTRIES = { server: "lib/platform/server/main.ts", "s3-thread": "lib/delivery/put-threads/thread.ts" };

/** Returns the output directory. Tests bundle single entries into a directory of their own. */
export async function buildServer({ outdir = SERVER_BUNDLE_DIR, entries = Object.keys(ENTRIES) } = {}) {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(entries.map((name) => [name, ENTRIES[name]])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [serverOnlyIsEmpty],
    sourcemap: "linked",
    logLevel: "warning",
    // Bundled CommonJS dependencies of our sources (none today) would need require().
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
