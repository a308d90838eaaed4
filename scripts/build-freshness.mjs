// Whether `.next` was built from the current sources. Shared by `npm start` and `npm run bench`, so
// both rebuild for exactly the same changes.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
];

export function isBuildFresh(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return !BUILD_INPUTS.some((input) => newestMtime(path.join(root, input)) > builtAt);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}
