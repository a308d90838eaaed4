// The HTTP ceiling: a bare node:http server that does the least an ingest endpoint must do — read
// the whole body, parse the JSON, answer 202 with a small JSON body — and nothing else (no auth, no
// validation, no database). Runs in its own process like the app. Prints "ready <port>" on stdout.
import http from "node:http";

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let id = null;
    try {
      const json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      id = typeof json?.id === "string" ? json.id : null;
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid_json"}');
      return;
    }
    res.writeHead(202, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ accepted: 1, ids: [id] }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
