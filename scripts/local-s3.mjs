// The local bucket `npm start` offers on the embedded default: s3rver (a small S3-compatible server)
// on loopback, with one bucket, so a newcomer can see Test Connection pass without a cloud account.
import path from "node:path";
import S3rver from "s3rver";

export const LOCAL_BUCKET = "broadcast-local";

export async function startLocalS3({ root, port }) {
  const directory = path.join(process.env.BROADCAST_DATA_DIR ? path.resolve(process.env.BROADCAST_DATA_DIR) : path.join(root, "data"), "local-s3");
  const start = async (p) => {
    const server = new S3rver({ port: p, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: LOCAL_BUCKET, configs: [] }] });
    const { port: actual } = await server.run();
    return { server, port: actual };
  };
  let started;
  try {
    started = await start(port);
  } catch (error) {
    if (error?.code !== "EADDRINUSE") throw error;
    started = await start(0); // the usual port is taken: any free one will do, we print it
  }
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    port: started.port,
    bucket: LOCAL_BUCKET,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    directory,
    close: () => started.server.close(),
  };
}
