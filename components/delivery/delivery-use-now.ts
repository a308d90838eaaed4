"use client";
import * as React from "react";

/** The current time, refreshed every `everyMs`, so "5 s ago" keeps counting between polls. */
export function useNow(everyMs: number): Date {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
