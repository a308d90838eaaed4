import * as React from "react";
import { cn } from "@/components/ui/cn";

const tones = {
  info: "border-border bg-muted/60 text-foreground",
  success: "border-success/30 bg-success/5 text-foreground",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-destructive/30 bg-destructive/5 text-foreground",
} as const;

type AlertProps = React.ComponentProps<"div"> & { tone?: keyof typeof tones; icon?: React.ReactNode };

/** A bordered message box. Pass `role="alert"` or `role="status"` where it should be announced. */
export function Alert({ className, tone = "info", icon, children, ...props }: AlertProps) {
  return (
    <div className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm", tones[tone], className)} {...props}>
      {icon && <span className="mt-0.5 shrink-0 [&>svg]:size-4">{icon}</span>}
      <div className="min-w-0 flex-1 space-y-1">{children}</div>
    </div>
  );
}
