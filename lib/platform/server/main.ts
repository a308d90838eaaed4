// `npm start`'s server process (bundled to .next/broadcast/server.mjs by scripts/build-server.mjs):
// boots Broadcast, then serves POST /api/v1/traces itself and everything else through Next.js on
// the same port. `next dev` does not use this file: there the app/ route handlers serve ingest.
// BROADCAST_ROLE picks the parts this process runs, BROADCAST_WORKERS forks one process per core
// (PostgreSQL only), BROADCAST_S3_THREADS sizes the S3 threads (server-options.ts).
import cluster from "node:cluster";
import { enterProductionMode, getEnv } from "@/lib/platform/env/env";
import { parseServerArgs } from "./server-args";
import { ROLE_PARTS, serverOptionsFrom, type ServerOptions } from "./server-options";

// `next start` forces production; so does this server (it only ever serves a production build).
enterProductionMode();

let options: ServerOptions;
let args: ReturnType<typeof parseServerArgs>;
try {
  const env = getEnv();
  options = serverOptionsFrom(env);
  args = parseServerArgs(process.argv.slice(2), env);
} catch (error) {
  console.error(`[broadcast] cannot start: ${(error as Error).message}`);
  process.exit(1);
}

if (options.workers > 1 && cluster.isPrimary) {
  (await import("./cluster-primary")).runClusterPrimary(options.workers);
} else {
  await serve(options, args);
}

async function serve(opts: ServerOptions, address: typeof args): Promise<void> {
  const parts = ROLE_PARTS[opts.role];
  const { bootServer } = await import("@/lib/platform/runtime/boot");
  const { getServerConfig } = await import("@/lib/platform/runtime/server-config");
  const { startPutObjectThreads } = await import("@/lib/delivery/put-threads/pool");
  const config = getServerConfig();
  const threadFile = new URL("./s3-thread.mjs", import.meta.url);
  // Boot first (database, keys, delivery): Next's instrumentation hook then finds it done, and this
  // module graph and Next's share one database handle through the runtime's globalThis singletons.
  await bootServer({
    deliver: parts.delivery,
    ...(opts.s3Threads > 0 && {
      putObject: ({ timeoutMs }) => startPutObjectThreads({ file: threadFile, threads: opts.s3Threads, allowedEndpoints: config.allowedEndpoints, timeoutMs }),
    }),
  });
  if (!parts.ingest && !parts.pages) {
    console.log(`[broadcast] BROADCAST_ROLE=${opts.role}: delivering only, no HTTP listener`);
    return;
  }
  const { ingestDeps } = await import("@/lib/ingest/ingest-service");
  const { createBroadcastServer } = await import("./custom-server");
  const { serveNativeIngest, writeReply } = await import("./node-ingest");
  const { problemReply } = await import("@/lib/ingest/handle-ingest");
  const { serveIngest } = await import("@/lib/ingest/serve-ingest");
  const { handleOtlpTraces } = await import("@/lib/ingest/otlp/handle-otlp-traces");
  const { otlpDeps } = await import("@/lib/ingest/otlp/otlp-service");
  const { serveWebHandler } = await import("./web-bridge");
  let fallback: Parameters<typeof createBroadcastServer>[0]["fallback"];
  if (parts.pages) {
    const { default: next } = await import("next");
    const app = next({ dev: false, dir: process.cwd(), hostname: address.hostname ?? "localhost", port: address.port, customServer: true });
    fallback = app.getRequestHandler();
    await app.prepare();
  } else {
    const notHere = problemReply(404, "not_found", `This process serves only the ingest endpoints (BROADCAST_ROLE=${opts.role}).`);
    fallback = (_request, response) => writeReply(response, notHere);
  }
  const deps = ingestDeps();
  const server = createBroadcastServer({
    fastRoutes: {
      "/api/v1/traces": (request, response) => serveNativeIngest(request, response, deps),
      // OTLP's handler is Request → Response (protobuf or JSON, gzip): bridged, still without Next's router.
      "/v1/traces": (request, response) =>
        serveWebHandler(request, response, (web) => serveIngest("/v1/traces", web, (req) => handleOtlpTraces(req, otlpDeps()))),
    },
    fallback,
  });
  const port = await server.listen(address.port, address.hostname);
  const what = parts.pages ? "ingest on node:http, pages through Next.js" : "ingest only";
  console.log(`[broadcast] serving http://${address.hostname ?? "localhost"}:${port} (${what}; role ${opts.role}, pid ${process.pid})`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void server.close());
}
