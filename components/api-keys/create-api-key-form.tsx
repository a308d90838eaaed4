"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { createApiKey } from "@/lib/api-keys/api-key-actions";
import { useCanEdit, useViewerLock } from "@/components/app-shell/session-context";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createApiKeySchema } from "@/lib/api-keys/api-key-name";
import { API_KEY_SCOPES, SCOPE_LABELS } from "@/lib/api-keys/api-key-scope";
import type { z } from "zod";
import type { CreatedApiKey } from "@/lib/api-keys/api-key-view";

type CreateApiKeyFormProps = {
  /** Receives the plaintext key; the form keeps no copy of it. */
  onCreated: (created: CreatedApiKey) => void;
  autoFocus?: boolean;
};

/** The Name field and Create button. The parent remounts it (with `key`) to start afresh. */
export function CreateApiKeyForm({ onCreated, autoFocus }: CreateApiKeyFormProps) {
  const form = useForm<z.input<typeof createApiKeySchema>, unknown, z.output<typeof createApiKeySchema>>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: { name: "", scope: "ingest" },
  });
  const { errors, isSubmitting } = form.formState;
  const scope = useWatch({ control: form.control, name: "scope" });
  const canEdit = useCanEdit();
  const viewerLock = useViewerLock();

  // The server action is called directly, not through useMutation: its result holds the key.
  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await createApiKey(values);
      if (result.ok) return onCreated(result.data);
      const nameErrors = result.fieldErrors?.name;
      if (nameErrors?.length) form.setError("name", { message: nameErrors.join(" ") }, { shouldFocus: true });
      else form.setError("root", { message: result.formError ?? "The key could not be created." });
    } catch {
      form.setError("root", { message: "The key could not be created. Check your connection and try again." });
    }
  });

  const nameError = errors.name?.message;
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {/* Viewers see the form greyed out; the server refuses them on its own. */}
      <fieldset disabled={!canEdit} className="contents" {...viewerLock}>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <div className="min-w-0 flex-1 space-y-1.5">
            <Label htmlFor="api-key-name">Name</Label>
            <Input
              id="api-key-name"
              autoComplete="off"
              autoFocus={autoFocus}
              placeholder="e.g. production"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "api-key-name-hint api-key-name-error" : "api-key-name-hint"}
              {...form.register("name")}
            />
            <p id="api-key-name-hint" className="text-xs text-muted-foreground">
              Up to 64 characters. Pick one that says where the key is used; it becomes {"{apiKeyName}"} in your bucket paths.
            </p>
            {nameError && (
              <p id="api-key-name-error" className="text-xs font-medium text-destructive">
                {nameError}
              </p>
            )}
          </div>
          <div className="space-y-1.5 sm:w-56">
            <Label htmlFor="api-key-scope">Scope</Label>
            <select
              id="api-key-scope"
              aria-describedby="api-key-scope-hint"
              className="h-9 w-full rounded-md border bg-card px-2 text-sm shadow-xs"
              {...form.register("scope")}
            >
              {API_KEY_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {scope === "ingest" ? "Ingest" : "Admin"}
                </option>
              ))}
            </select>
            <p id="api-key-scope-hint" className="text-xs text-muted-foreground">
              {SCOPE_LABELS[scope ?? "ingest"]}.
            </p>
          </div>
          <Button type="submit" disabled={isSubmitting} className="sm:mt-5" {...viewerLock}>
            {isSubmitting ? "Creating…" : "Create"}
          </Button>
        </div>
        {errors.root?.message && (
          <p role="alert" className="text-sm font-medium text-destructive">
            {errors.root.message}
          </p>
        )}
      </fieldset>
    </form>
  );
}
