"use client";
import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { CircleAlert, Loader2, PlugZap } from "lucide-react";
import { saveDestination, testConnection } from "@/lib/destinations/destination-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { connectionFingerprint } from "@/lib/destinations/destination-schema";
import type { ConnectionTestOutcome } from "@/lib/destinations/connection-test-outcome";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { ConnectionOutcome } from "./connection-outcome";
import { DestinationForm, type FormAction } from "./destination-form";
import { focusOnMount } from "../ui/focus-on-mount";
import { toFormValues } from "./form-values";
import { isSameConnection, saveBlockedReason, type ConnectionValues } from "./save-gate";
import { settingsQueryKey } from "../broadcast-switch/settings-query";

type DestinationEditorProps = {
  /** The destination to edit, or null to add one. Remount (key) to switch. */
  destination: DestinationView | null;
  onClose: (saved: DestinationView | null) => void;
};

type TestRecord = { fingerprint: string; outcome: ConnectionTestOutcome };

const UNREACHABLE = "Could not reach the Broadcast server. Check your connection and try again.";

// Test and Save carry the secret, so they are plain calls to the server actions rather than
// react-query mutations: the MutationCache would keep the variables (and the secret) after the form
// is gone. Fingerprints live in component state only and vanish with the editor.
export function DestinationEditor({ destination, onClose }: DestinationEditorProps) {
  const queryClient = useQueryClient();
  const [pending, setPending] = React.useState<"test" | "save" | null>(null);
  const [lastTest, setLastTest] = React.useState<TestRecord | null>(null);
  const [lastPassing, setLastPassing] = React.useState<string | null>(null);
  const [formError, setFormError] = React.useState<string | null>(null);
  const testButton = React.useRef<HTMLButtonElement>(null);
  const [initialValues] = React.useState(() => toFormValues(destination));
  const saveHintId = React.useId();

  async function perform(kind: "test" | "save", work: () => Promise<Record<string, string[]> | undefined>) {
    setPending(kind);
    setFormError(null);
    try {
      return await work();
    } catch {
      setFormError(UNREACHABLE);
      return undefined;
    } finally {
      setPending(null);
    }
  }

  const test: FormAction = (values) =>
    perform("test", async () => {
      const fingerprint = connectionFingerprint(values);
      const result = await testConnection(values);
      if (!result.ok) {
        setLastTest(null);
        setFormError(result.formError ?? null);
        return result.fieldErrors;
      }
      setLastTest({ fingerprint, outcome: result.data });
      // A pass of other values stays valid for those values; a failure revokes only its own.
      setLastPassing((previous) => (result.data.ok ? fingerprint : previous === fingerprint ? null : previous));
      return undefined;
    });

  const save: FormAction = (values) =>
    perform("save", async () => {
      if (!isSameConnection(lastPassing, values)) return undefined;
      const fingerprint = connectionFingerprint(values);
      const result = await saveDestination(values);
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: settingsQueryKey });
        onClose(result.data);
        return undefined;
      }
      if (result.connection) {
        setLastTest({ fingerprint, outcome: { ok: false, ...result.connection } });
        setLastPassing(null);
      }
      setFormError(result.formError ?? null);
      // Save is disabled now, so focus would otherwise fall back to the page.
      testButton.current?.focus();
      return result.fieldErrors;
    });

  function renderActions({ values, test: runTest, formErrors }: { values: ConnectionValues; test: () => void; formErrors: string[] }) {
    const blockedReason = saveBlockedReason(lastPassing, values);
    const outcome = lastTest && isSameConnection(lastTest.fingerprint, values) ? lastTest.outcome : null;
    const errors = [formError, ...formErrors].filter((e): e is string => Boolean(e));
    const isBusy = pending !== null;
    return (
      <div className="space-y-4 border-t pt-5">
        {outcome && <ConnectionOutcome outcome={outcome} />}
        {errors.length > 0 && (
          <Alert tone="danger" role="alert" icon={<CircleAlert className="text-destructive" />}>
            {errors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </Alert>
        )}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p id={saveHintId} className="text-xs text-muted-foreground sm:max-w-64">
            {blockedReason}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" className="px-3" disabled={isBusy} onClick={() => onClose(null)}>
              Cancel
            </Button>
            <Button
              ref={testButton}
              type="button"
              variant="outline"
              // aria-disabled rather than disabled, so keyboard focus stays on the button while it runs.
              aria-disabled={isBusy || undefined}
              onClick={() => !isBusy && runTest()}
            >
              {pending === "test" ? (
                <Loader2 aria-hidden className="size-4 animate-spin" />
              ) : (
                <PlugZap aria-hidden className="hidden size-4 sm:block" />
              )}
              {pending === "test" ? "Testing…" : "Test Connection"}
            </Button>
            <Button type="submit" disabled={isBusy || blockedReason !== null} aria-describedby={blockedReason ? saveHintId : undefined}>
              {pending === "save" && <Loader2 aria-hidden className="size-4 animate-spin" />}
              {pending === "save" ? "Saving…" : "Save"}
            </Button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <section aria-labelledby="destination-editor-title" className="rounded-lg border bg-card shadow-xs">
      <div className="space-y-1 border-b px-4 py-4 sm:px-5">
        <h2 id="destination-editor-title" ref={focusOnMount} tabIndex={-1} className="text-base font-semibold outline-none">
          {destination ? `Edit ${destination.name}` : "Add destination"}
        </h2>
        <p className="text-sm text-muted-foreground">
          Test Connection writes a small marker file to the bucket; Save re-runs the test and stores the settings only if it
          passes.
        </p>
      </div>
      <div className="px-4 py-5 sm:px-5">
        <DestinationForm
          initialValues={initialValues}
          storedSecrets={
            destination && { secretAccessKey: destination.secretAccessKeyMask, sessionToken: destination.sessionTokenMask }
          }
          isBusy={pending !== null}
          onTest={test}
          onSave={save}
          renderActions={renderActions}
        />
      </div>
    </section>
  );
}
