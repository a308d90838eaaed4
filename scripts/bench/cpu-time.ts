// CPU time of a process (all its threads: the S3 threads included), from /proc/<pid>/stat, and of
// this process (the bare PutObject client). Linux only; elsewhere NaN, so the column reads as such.
import { readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SEC = 100; // USER_HZ, fixed at 100 on Linux for /proc

/** utime + stime of a process in ms. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat(5); the list here starts at field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return NaN;
  }
}

export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
