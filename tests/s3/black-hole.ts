import net from "node:net";
import { LOOPBACK } from "./free-port";

export type BlackHole = { endpoint: string; port: number; close(): Promise<void> };

/**
 * A loopback TCP server that accepts connections and never answers: the shape of a firewall that
 * drops packets after the handshake, used to prove that S3 calls give up instead of hanging.
 */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    // Reads nothing back and writes nothing; errors (client resets) are expected and not ours.
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("could not read the black hole's port");
  return {
    endpoint: `http://${LOOPBACK}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        // server.close() only stops accepting; held sockets must be destroyed or it never calls back.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
