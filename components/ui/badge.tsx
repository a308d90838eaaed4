import * as React from "react";
import { cn } from "@/components/ui/cn";

const tones = {
  neutral: "bg-muted text-muted-foreground",
  success: "bg-success/10 text-success",
  warning: "bg-amber-100 text-amber-800",
  danger: "bg-destructive/10 text-destructive",
} as const;

export function Badge({ className, tone = "neutral", ...props }: React.ComponentProps<"span"> & { tone?: keyof typeof tones }) {
  return <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", tones[tone], className)} {...props} />;
}
