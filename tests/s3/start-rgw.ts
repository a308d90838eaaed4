import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type S3Credentials = { accessKeyId: string; secretAccessKey: string };

/** What tests need to reach the gateway; plain data, so it can cross vitest's provide/inject. */
export type RgwInfo = {
  endpoint: string;
  region: "us-east-1";
  bucket: "traces";
  /** Owner of `traces`: may do everything on it. */
  admin: S3Credentials;
  /** May only s3:PutObject into traces/* (Get, List, Head, Delete are denied). */
  writer: S3Credentials;
};
export type RgwHandle = RgwInfo & { dir: string; close(): Promise<void> };

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The harness lives in a read-only `shared/` next to the repository (CI puts it at ../shared);
 * walking up also finds it from a worktree nested deeper.
 */
export function findRgwHarness(start: string = REPO_ROOT): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "s3-rgw");
    if (existsSync(path.join(candidate, "start-rgw.sh")) && existsSync(path.join(candidate, "stop-rgw.sh"))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

export function isOnPath(command: string, envPath: string = process.env.PATH ?? ""): boolean {
  return envPath.split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function parseS3Endpoint(stdout: string): string | null {
  const match = /^S3_ENDPOINT=(\S+)\s*$/m.exec(stdout);
  return match?.[1] ?? null;
}

/**
 * Starts a throw-away Ceph Object Gateway in `dir` (wiped) on 127.0.0.1:`port`.
 * Returns null when the harness or radosgw is missing on a developer machine, so credential and
 * permission tests skip there; on CI (CI set) a missing gateway is an error, because silently
 * skipping those tests would hide exactly the failures they exist for.
 */
export async function startRgw(dir: string, port: number): Promise<RgwHandle | null> {
  const harness = findRgwHarness();
  const missing = !harness ? "the s3-rgw harness (../shared/s3-rgw)" : !isOnPath("radosgw") ? "radosgw (run ../shared/s3-rgw/install-deps.sh)" : null;
  if (missing) {
    if (process.env.CI) throw new Error(`CI is set but ${missing} is missing: the RGW-backed tests cannot run`);
    console.warn(
      `\n!!! ${missing} not found: tests that need a signature-checking S3 server (wrong secret, ` +
        `PutObject-only credentials, AccessDenied) will be SKIPPED. They run on CI.\n`,
    );
    return null;
  }
  const harnessDir = harness as string;
  const stdout = await runHarness(harnessDir, "start-rgw.sh", [dir, String(port)]);
  const endpoint = parseS3Endpoint(stdout);
  if (!endpoint) throw new Error(`start-rgw.sh finished without printing S3_ENDPOINT=; stdout was:\n${stdout}`);

  // The daemons outlive this process; if the runner dies without teardown, stop them on exit.
  const stopOnExit = () => spawnSync("bash", [path.join(harnessDir, "stop-rgw.sh"), dir], { stdio: "ignore" });
  process.once("exit", stopOnExit);
  let closed: Promise<void> | null = null;
  return {
    endpoint,
    region: "us-east-1",
    bucket: "traces",
    admin: { accessKeyId: "ADMINKEY", secretAccessKey: "ADMINSECRET" },
    writer: { accessKeyId: "WRITERKEY", secretAccessKey: "WRITERSECRET" },
    dir,
    close() {
      closed ??= (async () => {
        process.off("exit", stopOnExit);
        await runHarness(harnessDir, "stop-rgw.sh", [dir, "--purge"]);
      })();
      return closed;
    },
  };
}

/** Runs a harness script; resolves with its stdout, rejects with its stderr tail on failure. */
function runHarness(harness: string, script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(harness, script), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} ${args.join(" ")} exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}
