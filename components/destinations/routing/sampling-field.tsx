"use client";
import { Controller, type Control } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MIN_SAMPLING_RATE } from "@/lib/core/routing/routing-schema";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";

// The form holds a rate (0.0001–1); people think in percent, so both controls show percent.
const toPercent = (rate: number | undefined) => Number(((rate ?? 1) * 100).toFixed(4));

export function SamplingField({ control, messages }: { control: Control<DestinationFormValues>; messages: string[] }) {
  return (
    <Controller
      control={control}
      name="samplingRate"
      render={({ field }) => (
        <div className="space-y-1.5">
          <div className="flex flex-wrap items-end gap-4">
            <div className="min-w-48 flex-1 space-y-1.5">
              <Label htmlFor="destination-sampling-slider">Sampling rate</Label>
              <input
                id="destination-sampling-slider"
                type="range"
                min={1}
                max={100}
                step={1}
                value={Math.max(1, Math.round(toPercent(field.value)))}
                aria-valuetext={`${toPercent(field.value)} %`}
                aria-describedby="destination-sampling-hint"
                onChange={(event) => field.onChange(Number(event.target.value) / 100)}
                className="w-full accent-primary"
              />
            </div>
            <div className="w-32 space-y-1.5">
              <Label htmlFor="destination-sampling-percent">Percent of traces</Label>
              <Input
                id="destination-sampling-percent"
                type="number"
                min={MIN_SAMPLING_RATE * 100}
                max={100}
                step="any"
                inputMode="decimal"
                value={toPercent(field.value)}
                aria-invalid={messages.length > 0 ? true : undefined}
                aria-describedby="destination-sampling-hint"
                onBlur={field.onBlur}
                onChange={(event) => field.onChange(event.target.value === "" ? Number.NaN : Number(event.target.value) / 100)}
              />
            </div>
          </div>
          <p id="destination-sampling-hint" className="text-xs text-muted-foreground">
            Chosen by trace id, so every file of a trace is in or out together. From 0.01 % to 100 %.
          </p>
          {messages.map((message) => (
            <p key={message} className="text-xs font-medium text-destructive">
              {message}
            </p>
          ))}
        </div>
      )}
    />
  );
}
