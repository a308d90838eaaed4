// The local demo bucket `npm start` offers on the embedded default: s3rver (a small S3-compatible
// server) on loopback, with one bucket, so a newcomer can see Test Connection pass without a cloud
// account. It does not check credentials (any secret passes), which is why it is only ever a demo.
import http from "node:http";
import path from "node:path";
import S3rver from "s3rver";

export const LOCAL_BUCKET = "broadcast-local";

/** Where the demo bucket keeps its files: `local-s3/` in the data directory. */
export function localS3Directory(root) {
  return path.join(process.env.BROADCAST_DATA_DIR ? path.resolve(process.env.BROADCAST_DATA_DIR) : path.join(root, "data"), "local-s3");
}

export async function startLocalS3({ root, port }) {
  const directory = localS3Directory(root);
  const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: LOCAL_BUCKET, configs: [] }] });
  await s3rver.configureBuckets();
  // Our own listen, not s3rver.run(): run() reports a taken port as an unhandled 'error' event, which
  // crashed the second of two instances started together instead of letting it pick a free port.
  const listen = (p) =>
    new Promise((resolve, reject) => {
      const server = http.createServer(s3rver.callback());
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  let server;
  try {
    server = await listen(port);
  } catch (error) {
    if (error?.code !== "EADDRINUSE") throw error;
    server = await listen(0); // the usual port is taken: any free one will do, we print it
  }
  const actualPort = server.address().port;
  return {
    endpoint: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    bucket: LOCAL_BUCKET,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    directory,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
