"use client";
import type * as React from "react";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

type FlagSwitchProps = React.ComponentProps<typeof Switch> & {
  id: string;
  label: string;
  description?: string;
};

/** A switch with its visible label (and optional one-line description) to the left. */
export function FlagSwitch({ id, label, description, ...switchProps }: FlagSwitchProps) {
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <div className="flex items-start justify-between gap-3 rounded-md border bg-card px-3 py-2.5">
      <div className="min-w-0 space-y-0.5">
        <Label htmlFor={id}>{label}</Label>
        {description && (
          <p id={descriptionId} className="text-xs text-muted-foreground">
            {description}
          </p>
        )}
      </div>
      <Switch id={id} aria-describedby={descriptionId} {...switchProps} />
    </div>
  );
}
