import { CircleAlert, CircleCheck } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import type { ConnectionTestOutcome } from "@/lib/destinations/connection-test-outcome";

/** The result of the last connection test, as the server classified it. */
export function ConnectionOutcome({ outcome }: { outcome: ConnectionTestOutcome }) {
  if (outcome.ok) {
    return (
      <Alert tone="success" role="status" icon={<CircleCheck className="text-success" />}>
        <p className="font-medium">Connection OK</p>
        <p className="text-muted-foreground">
          Wrote <code className="rounded bg-card px-1 py-0.5 font-mono text-xs break-all text-foreground">{outcome.key}</code>{" "}
          in {outcome.roundTripMs} ms.
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="danger" role="alert" icon={<CircleAlert className="text-destructive" />}>
      <p className="font-medium">{outcome.failure.message}</p>
      <p className="text-muted-foreground">{outcome.failure.hint}</p>
    </Alert>
  );
}
