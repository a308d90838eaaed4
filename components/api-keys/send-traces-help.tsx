"use client";
import { useSyncExternalStore } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

// "How to send traces": the native JSON API and OpenTelemetry's standard exporter settings, with
// this server's own address filled in once the page runs in the browser.

const PLACEHOLDER_ORIGIN = "https://your-broadcast-host";
const subscribe = () => () => {};

function useOrigin(): string {
  return useSyncExternalStore(subscribe, () => window.location.origin, () => PLACEHOLDER_ORIGIN);
}

function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <pre aria-label={label} className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs leading-relaxed">
      <code>{children}</code>
    </pre>
  );
}

export function SendTracesHelp() {
  const origin = useOrigin();
  return (
    <Card aria-labelledby="send-traces-title">
      <CardHeader>
        <CardTitle id="send-traces-title">How to send traces</CardTitle>
        <CardDescription>Both ways write the same trace files to every enabled destination, with the same rate limits and Privacy Mode.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5 text-sm">
        <section aria-labelledby="send-native-title" className="space-y-2">
          <h3 id="send-native-title" className="font-medium">Broadcast JSON API</h3>
          <p className="text-muted-foreground">
            <code className="font-mono text-xs">POST {origin}/api/v1/traces</code> with <code className="font-mono text-xs">Authorization: Bearer brd_…</code>;
            the schema is at <code className="font-mono text-xs">/api/v1/openapi.json</code>.
          </p>
        </section>
        <section aria-labelledby="send-otel-title" className="space-y-2">
          <h3 id="send-otel-title" className="font-medium">How to send OpenTelemetry traces</h3>
          <p className="text-muted-foreground">
            Broadcast receives OTLP/HTTP (protobuf or JSON, gzip allowed) at <code className="font-mono text-xs">{origin}/v1/traces</code>. GenAI spans
            (OpenTelemetry GenAI conventions, OpenLLMetry, OpenInference, the Vercel AI SDK) become generations with model, tokens and cost.
            Set these in your application’s environment (exporters append <code className="font-mono text-xs">/v1/traces</code>; use the
            <code className="font-mono text-xs"> OTEL_EXPORTER_OTLP_TRACES_*</code> forms if the app also exports metrics or logs elsewhere):
          </p>
          <CodeBlock label="OpenTelemetry exporter settings">
            {[
              `OTEL_EXPORTER_OTLP_ENDPOINT=${origin}`,
              "OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20brd_…",
              "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            ].join("\n")}
          </CodeBlock>
          <p className="text-muted-foreground">
            An OpenTelemetry Collector forwards with its <code className="font-mono text-xs">otlphttp</code> exporter
            (<code className="font-mono text-xs">endpoint: {origin}</code>, the same header); OpenRouter’s OpenTelemetry Collector destination takes the
            endpoint <code className="font-mono text-xs">{origin}/v1/traces</code> and the header as JSON. Settings for each SDK are in{" "}
            <code className="font-mono text-xs">docs/opentelemetry.md</code>.
          </p>
        </section>
      </CardContent>
    </Card>
  );
}
