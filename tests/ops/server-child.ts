// The app's server side in a child process, for the shutdown, log and database-loss drills: the real
// boot (configuration, database and migrations, delivery workers, SIGTERM handling) and the real
// route handlers behind a plain node:http server. Run with
//   node --conditions=react-server --import tsx tests/ops/server-child.ts
// Configuration comes from the environment like the app's (DATABASE_URL / BROADCAST_DATA_DIR, …) plus
// SERVER_CHILD_SETUP (JSON, first run only): empty the tables, create a destination and an API key
// (written to `keyFile`, never to a log). Every stdout line is a log line; the port is in the one
// with msg "test server listening".
import { writeFileSync } from "node:fs";
import http from "node:http";
import { Readable } from "node:stream";
import { bootServer } from "@/lib/platform/runtime/boot";
import { db } from "@/lib/platform/db/client";
import { getLogger } from "@/lib/platform/logging/logger";
import { createApiKey } from "@/lib/api-keys/api-key-store";
import * as traces from "@/app/api/v1/traces/route";
import * as health from "@/app/api/health/route";
import * as ready from "@/app/api/ready/route";
import * as metrics from "@/app/metrics/route";
import { cleanDeliveryTables, createTestDestination, enableBroadcast, type S3Endpoint } from "../delivery/delivery-fixtures";

export type ServerChildSetup = { s3: S3Endpoint; prefix: string; bucket: string; keyFile: string; privacyMode?: boolean };

const setup = process.env.SERVER_CHILD_SETUP ? (JSON.parse(process.env.SERVER_CHILD_SETUP) as ServerChildSetup) : null;

await bootServer();
if (setup) {
  const prisma = await db();
  await cleanDeliveryTables(prisma);
  await prisma.apiKey.deleteMany({});
  await createTestDestination(prisma, setup.s3, { prefix: setup.prefix, bucket: setup.bucket, privacyMode: setup.privacyMode });
  await enableBroadcast(prisma);
  const created = await createApiKey(prisma, "ops-drill");
  if (!created.ok) throw new Error("could not create the API key");
  writeFileSync(setup.keyFile, created.key);
}

const routes: Record<string, (request: Request) => Promise<Response> | Response> = {
  "POST /api/v1/traces": traces.POST,
  "GET /api/health": () => health.GET(),
  "GET /api/ready": () => ready.GET(),
  "GET /metrics": metrics.GET,
};

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = routes[`${req.method} ${url.pathname}`];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
  });
  const response = await route(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.keepAliveTimeout = 1_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  getLogger().info({ port: typeof address === "object" && address ? address.port : 0 }, "test server listening");
});
