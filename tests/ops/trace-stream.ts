import { randomUUID } from "node:crypto";

// A steady stream of ingest requests (one trace each, a few in parallel) that records every answer:
// the status, and for each 202 the trace id it acknowledged.

export type StreamResult = { statuses: Map<string, number>; accepted: string[] };

export type TraceStream = StreamResult & {
  count(status: string): number;
  /** Stops sending and resolves once every request in flight has its answer. */
  stop(): Promise<StreamResult>;
};

export function promptText(runId: string, n: number): string {
  return `PROMPT-TEXT-${runId}-${n} what is my diagnosis`;
}

export function startTraceStream(opts: { url: () => string; apiKey: string; runId: string; parallel?: number; pauseMs?: number }): TraceStream {
  const statuses = new Map<string, number>();
  const accepted: string[] = [];
  let running = true;
  let n = 0;
  const bump = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const send = async () => {
    while (running) {
      const id = `${opts.runId}-${String(n++).padStart(6, "0")}`;
      const trace = {
        id,
        created_at: new Date().toISOString(),
        model: "openai/gpt-4o-mini",
        input: { messages: [{ role: "user", content: promptText(opts.runId, n) }] },
        output: { content: `COMPLETION-TEXT-${opts.runId}` },
      };
      try {
        const response = await fetch(`${opts.url()}/api/v1/traces`, {
          method: "POST",
          headers: { authorization: `Bearer ${opts.apiKey}`, "content-type": "application/json", "x-request-id": randomUUID() },
          body: JSON.stringify({ traces: [trace] }),
        });
        await response.arrayBuffer();
        bump(String(response.status));
        if (response.status === 202) accepted.push(id);
      } catch {
        bump("network-error");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (opts.pauseMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs));
    }
  };
  const workers = Array.from({ length: opts.parallel ?? 3 }, send);
  return {
    statuses,
    accepted,
    count: (status) => statuses.get(status) ?? 0,
    async stop() {
      running = false;
      await Promise.all(workers);
      return { statuses, accepted };
    },
  };
}
