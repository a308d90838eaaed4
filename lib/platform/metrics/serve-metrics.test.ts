import { describe, expect, it } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { getMetrics } from "./registry";
import { serveMetrics } from "./serve-metrics";

const TOKEN = "0123456789abcdef0123";
const scrape = (headers: Record<string, string> = {}, token: string | null = TOKEN) =>
  serveMetrics(new Request("http://localhost/metrics", { headers }), { token });

describe("serveMetrics", () => {
  it("refuses a scrape without the bearer token, or with a wrong one", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: "Bearer wrong-token-000000000" })).status).toBe(401);
    expect((await scrape({ authorization: TOKEN })).status).toBe(401);
  });

  it("answers the Prometheus text format with the token, or without one configured", async () => {
    getMetrics().tracesAccepted.inc(3);
    for (const response of [await scrape({ authorization: `Bearer ${TOKEN}` }), await scrape({}, null)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parsePrometheusTextFormat(await response.text());
      const accepted = families.find((f) => f.name === "broadcast_traces_accepted_total");
      expect(Number(accepted?.metrics[0]?.value)).toBeGreaterThanOrEqual(3);
      expect(families.some((f) => f.name === "process_resident_memory_bytes")).toBe(true);
    }
  });

  it("refreshes the database gauges before rendering", async () => {
    let refreshed = 0;
    await serveMetrics(new Request("http://localhost/metrics"), { token: null, refresh: async () => void refreshed++ });
    expect(refreshed).toBe(1);
  });
});
