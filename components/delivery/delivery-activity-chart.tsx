"use client";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityPoint } from "@/lib/delivery/delivery-activity";
import { formatCount } from "./delivery-format";

type Props = { activity: ActivityPoint[]; name: string };

// Traces written and failed per minute over the last hour, stacked, polled with the delivery
// health. The picture is for a glance; the figures it shows are also its accessible name.

const WRITTEN = "var(--color-emerald-600, #059669)";
const FAILED = "var(--color-red-600, #dc2626)";

export function activityTotals(activity: ActivityPoint[]): { written: number; failed: number } {
  return activity.reduce((sum, p) => ({ written: sum.written + p.written, failed: sum.failed + p.failed }), { written: 0, failed: 0 });
}

export function DeliveryActivityChart({ activity, name }: Props) {
  const totals = activityTotals(activity);
  const label = `Traces per minute to ${name}, last hour: ${formatCount(totals.written)} written, ${formatCount(totals.failed)} failed`;
  const data = activity.map((p) => ({ ...p, time: new Date(p.minute).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) }));
  return (
    <figure className="space-y-1">
      <div role="img" aria-label={label} className="h-12 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={1}>
            <XAxis dataKey="time" hide />
            <YAxis hide allowDecimals={false} />
            <Tooltip cursor={{ fillOpacity: 0.1 }} contentStyle={{ fontSize: 12 }} />
            <Bar dataKey="written" name="Written" stackId="traces" fill={WRITTEN} isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="traces" fill={FAILED} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground" aria-hidden>
        Last hour, per minute: {formatCount(totals.written)} written · {formatCount(totals.failed)} failed
      </figcaption>
    </figure>
  );
}
