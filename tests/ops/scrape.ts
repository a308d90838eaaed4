import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { refreshDeliveryGauges } from "@/lib/delivery/delivery-gauges";
import { serveMetrics } from "@/lib/platform/metrics/serve-metrics";

// Scrapes this process's /metrics handler and reads samples back through a Prometheus text parser.

export type Scrape = {
  value(name: string, labels?: Record<string, string>): number;
  has(name: string, labels?: Record<string, string>): boolean;
};

export function parseScrape(text: string): Scrape {
  // The parser folds histograms into one unlabelled sample; untyped, their _count, _sum and _bucket
  // series keep their labels, so histograms are read as `<name>_count` with labels.
  const families = parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram\n/gm, ""));
  const samples = (name: string, labels: Record<string, string>) =>
    (families.find((f) => f.name === name)?.metrics ?? []).filter((m) =>
      Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
    );
  return {
    /** The sum of the matching samples. */
    value: (name, labels = {}) => samples(name, labels).reduce((sum, m) => sum + Number(m.value ?? 0), 0),
    has: (name, labels = {}) => samples(name, labels).length > 0,
  };
}

export async function scrape(prisma: PrismaClient): Promise<Scrape> {
  const response = await serveMetrics(new Request("http://127.0.0.1/metrics"), { token: null, refresh: () => refreshDeliveryGauges(prisma) });
  return parseScrape(await response.text());
}
