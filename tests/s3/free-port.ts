import net from "node:net";

// Test servers bind to loopback only: nothing a test starts should be reachable from the network.
export const LOOPBACK = "127.0.0.1";

/** A port the OS considers free right now. Another process may still take it before we bind it. */
export async function findFreePort(host: string = LOOPBACK): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("could not read the probe server's port");
  return address.port;
}

/** True when nothing listens on host:port (probed by binding it for a moment). */
export async function isPortFree(port: number, host: string = LOOPBACK): Promise<boolean> {
  const server = net.createServer();
  return new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
