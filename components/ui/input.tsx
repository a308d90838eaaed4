import * as React from "react";
import { cn } from "@/components/ui/cn";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-9 w-full min-w-0 rounded-md border bg-card px-3 text-sm shadow-xs placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive read-only:bg-muted",
        className,
      )}
      {...props}
    />
  );
}
