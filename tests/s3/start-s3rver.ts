import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { isPortFree, LOOPBACK } from "./free-port";

// s3rver ships no type declarations. It is loaded through require with a local type of the few
// members used here, instead of a global `declare module "s3rver"` that could clash with one
// written for the app's local demo bucket.
type S3rverOptions = {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  resetOnClose: boolean;
  configureBuckets: { name: string }[];
};
type S3rverInstance = {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
};
const require = createRequire(import.meta.url);
const S3rver = require("s3rver") as new (options: S3rverOptions) => S3rverInstance;

export type S3rverHandle = {
  endpoint: string;
  port: number;
  // s3rver's only account; it checks the key id but never the secret (no SigV4 verification).
  accessKeyId: "S3RVER";
  secretAccessKey: "S3RVER";
  close(): Promise<void>;
};

/**
 * Starts s3rver on 127.0.0.1 with the given buckets in a freshly emptied directory.
 * Clients need `forcePathStyle: true`; with the SDK's default checksum settings a stream body is
 * stored with its aws-chunked framing, so also set `requestChecksumCalculation: "WHEN_REQUIRED"`.
 */
export async function startS3rver(opts: { port?: number; directory: string; buckets: string[] }): Promise<S3rverHandle> {
  const port = opts.port ?? 0;
  const directory = path.resolve(opts.directory);
  if (directory === path.parse(directory).root) throw new Error(`refusing to use ${directory} as the s3rver directory`);
  // s3rver's listen promise never rejects: a busy port becomes an unhandled 'error' event that
  // kills the process. Probing first turns the usual case (a leftover run) into a clear error.
  if (port !== 0 && !(await isPortFree(port))) {
    throw new Error(`port ${port} on ${LOOPBACK} is already in use (is an earlier test run still alive?)`);
  }
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });

  const server = new S3rver({
    address: LOOPBACK,
    port,
    silent: true,
    directory,
    resetOnClose: false,
    configureBuckets: opts.buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  let closed: Promise<void> | null = null;
  return {
    endpoint: `http://${LOOPBACK}:${address.port}`,
    port: address.port,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    close() {
      closed ??= (async () => {
        const stopped = server.close();
        // SDK clients keep sockets alive; without this close() waits for them to time out.
        server.httpServer?.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
