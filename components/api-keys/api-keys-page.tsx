"use client";
import { CircleAlert } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ApiKeyView, CreatedApiKey } from "@/lib/api-keys/api-key-view";
import { ApiKeyTable } from "./api-key-table";
import { useApiKeys, useInvalidateApiKeys, useRevokeApiKey } from "./api-keys-query";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewApiKeyPanel } from "./new-api-key-panel";
import { SendTracesHelp } from "./send-traces-help";

/** The API Keys settings page: owns the query, the revoke mutation and the one-time key display. */
export function ApiKeysPage({ initialKeys }: { initialKeys: ApiKeyView[] }) {
  const { data: keys } = useApiKeys(initialKeys);
  const invalidate = useInvalidateApiKeys();
  const revoke = useRevokeApiKey();
  // The plaintext key lives only here, until "Done" (or leaving the page) drops it.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  // Bumped on "Done" so the form remounts empty, with focus back in the Name field.
  const [formGeneration, setFormGeneration] = useState(0);

  function handleCreated(next: CreatedApiKey) {
    setCreated(next);
    void invalidate();
  }

  function handleDone() {
    setCreated(null);
    setFormGeneration((n) => n + 1);
  }

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">API Keys</h1>
        <p className="text-sm text-muted-foreground">
          Applications send traces with <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs whitespace-nowrap">Authorization: Bearer brd_…</code>;
          in path templates, <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs whitespace-nowrap">{"{apiKeyName}"}</code> is the key’s name.
        </p>
      </header>

      <Card aria-labelledby="create-api-key-title">
        <CardHeader>
          <CardTitle id="create-api-key-title">{created ? "Your new API key" : "Create API key"}</CardTitle>
          <CardDescription>
            {created ? "Store it in your application’s secrets." : "Each application or environment should get its own key, so you can revoke one without touching the others."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {created ? (
            <NewApiKeyPanel created={created} onDone={handleDone} />
          ) : (
            <CreateApiKeyForm key={formGeneration} autoFocus={formGeneration > 0} onCreated={handleCreated} />
          )}
        </CardContent>
      </Card>

      <Card aria-labelledby="api-key-list-title">
        <CardHeader>
          <CardTitle id="api-key-list-title">Keys</CardTitle>
          <CardDescription>A revoked key is refused at once. Its name stays taken, so traces already in your bucket keep an unambiguous owner.</CardDescription>
        </CardHeader>
        {revoke.isError && (
          <div className="px-5 pt-4">
            <Alert tone="danger" role="alert" icon={<CircleAlert className="text-destructive" />}>
              <p>Could not revoke the key: {revoke.error.message}</p>
            </Alert>
          </div>
        )}
        <ApiKeyTable keys={keys} revokingId={revoke.isPending ? (revoke.variables ?? null) : null} onRevoke={(key) => revoke.mutate(key.id)} />
      </Card>

      <SendTracesHelp />
    </div>
  );
}
