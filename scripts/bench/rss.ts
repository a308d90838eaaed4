// Peak resident memory of a process tree (the `next start` process and everything it spawns), from
// /proc/<pid>/status VmRSS, sampled every 100 ms. Linux only; elsewhere it reports nothing.
import { readdirSync, readFileSync } from "node:fs";

function vmRssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [root];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name is in parentheses and may contain spaces: the ppid is the 2nd field after ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone already
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export class RssSampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private pids: number[];
  private ticks = 0;
  peakMb = 0;
  lastMb = 0;
  private windowPeakMb = 0;
  readonly samples: { at: number; mb: number }[] = [];

  constructor(private readonly root: number, private readonly everyMs = 100) {
    this.pids = descendants(root);
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts a new window for peakInWindow(). */
  resetWindow(): void {
    this.windowPeakMb = this.lastMb;
  }

  peakInWindow(): number {
    return this.windowPeakMb;
  }

  /** Processes in the tree, with their command lines (for the report). */
  tree(): { pid: number; cmd: string }[] {
    return descendants(this.root).map((pid) => {
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim().slice(0, 120);
      } catch {
        // gone
      }
      return { pid, cmd };
    });
  }

  private sample(): void {
    // The tree rarely changes; re-list it once a second instead of scanning /proc every sample.
    if (this.ticks++ % 10 === 0) this.pids = descendants(this.root);
    let kb = 0;
    for (const pid of this.pids) kb += vmRssKb(pid);
    const mb = Math.round((kb / 1024) * 10) / 10;
    this.lastMb = mb;
    this.peakMb = Math.max(this.peakMb, mb);
    this.windowPeakMb = Math.max(this.windowPeakMb, mb);
    this.samples.push({ at: Date.now(), mb });
  }
}
