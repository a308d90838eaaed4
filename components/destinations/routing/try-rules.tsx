"use client";
import * as React from "react";
import { useWatch, type Control } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { evaluateRouting, type RoutingDecision } from "@/lib/core/routing/evaluate-routing";
import { routingSettingsSchema } from "@/lib/core/routing/routing-schema";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { parseSampleTrace, sampleRoutableTrace } from "./sample-trace";
import { useApiKeyList } from "./use-api-key-names";

type Outcome = { decision: RoutingDecision } | { problem: string };

/** Runs the same evaluateRouting as ingest, in the browser, on the form's current (unsaved) rules. */
export function TryRules({ control }: { control: Control<DestinationFormValues> }) {
  const [samplingRate, apiKeyIds, filterRules] = useWatch({ control, name: ["samplingRate", "apiKeyIds", "filterRules"] });
  const { keys } = useApiKeyList();
  const active = keys.filter((key) => key.revokedAt === null);
  const [keyId, setKeyId] = React.useState<string>("");
  const sender = active.find((key) => key.id === keyId) ?? active[0];
  const [sample, setSample] = React.useState(() => JSON.stringify(sampleRoutableTrace(sender?.name ?? "production-app"), null, 2));
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);

  function tryRules() {
    const settings = routingSettingsSchema.safeParse({ sampling_rate: samplingRate, api_key_ids: apiKeyIds, filter_rules: filterRules });
    if (!settings.success) return setOutcome({ problem: "Fix the routing fields marked above, then try again." });
    const trace = parseSampleTrace(sample);
    if (!trace.ok) return setOutcome({ problem: trace.message });
    setOutcome({ decision: evaluateRouting(settings.data, trace.trace, sender?.id ?? "") });
  }

  return (
    <div className="space-y-3 rounded-md border bg-muted/30 p-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <Label htmlFor="try-rules-key">Sent with API key</Label>
          <select id="try-rules-key" className="h-9 rounded-md border bg-card px-2 text-sm" value={sender?.id ?? ""} onChange={(e) => setKeyId(e.target.value)}>
            {active.length === 0 && <option value="">(no keys)</option>}
            {active.map((key) => <option key={key.id} value={key.id}>{key.name}</option>)}
          </select>
        </div>
        <Button type="button" variant="outline" onClick={tryRules}>Try rules</Button>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="try-rules-sample">Sample trace</Label>
        <textarea id="try-rules-sample" aria-describedby="try-rules-sample-hint" rows={10} spellCheck={false}
          className="w-full rounded-md border bg-card p-2 font-mono text-xs" value={sample} onChange={(e) => setSample(e.target.value)} />
        <p id="try-rules-sample-hint" className="text-xs text-muted-foreground">
          Edit any field; keys are the rule field names. Nothing is sent or saved.
        </p>
      </div>
      <div role="status" aria-live="polite">{outcome && <OutcomeView outcome={outcome} />}</div>
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if ("problem" in outcome) return <p className="text-sm font-medium text-destructive">{outcome.problem}</p>;
  const { decision } = outcome;
  return (
    <div className="space-y-2 text-sm">
      <p className={decision.delivers ? "font-medium text-success" : "font-medium text-destructive"}>{decision.message}</p>
      <ul className="space-y-0.5 text-xs">
        <li>API key: {decision.apiKey.allowed ? "allowed" : "refused"} ({decision.apiKey.reason.replace("_", " ")})</li>
        <li>Sampling: position {decision.sampling.position.toFixed(4)} {decision.sampling.sampledIn ? "<" : "≥"} rate {decision.sampling.rate}</li>
        {decision.filter?.groups.map((group, g) =>
          group.rules.map((rule, r) => {
            const isDeciding = (decision.filter?.decidingGroup ?? (decision.filter?.groups.length === 1 ? 0 : null)) === g && group.decidingRule === r;
            const state = rule.outcome === null ? "not evaluated" : rule.outcome.matched ? "true" : "false";
            return (
              <li key={rule.path} className={isDeciding ? "font-semibold" : undefined}>
                Group {g + 1}, rule {r + 1}: “{rule.description}” is {state}
                {isDeciding && " (decided)"}
              </li>
            );
          }),
        )}
      </ul>
    </div>
  );
}
