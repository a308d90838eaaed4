"use client";
import { Controller, type Control } from "react-hook-form";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { useApiKeyList } from "./use-api-key-names";

/** All keys (null) or a chosen list; an empty list sends nothing, and the hint says so. */
export function ApiKeyPicker({ control, messages }: { control: Control<DestinationFormValues>; messages: string[] }) {
  const { keys, isLoading } = useApiKeyList();
  const active = keys.filter((key) => key.revokedAt === null);
  return (
    <Controller
      control={control}
      name="apiKeyIds"
      render={({ field }) => {
        const chosen = field.value ?? null;
        const toggle = (id: string, on: boolean) => {
          const list = chosen ?? [];
          field.onChange(on ? [...list, id] : list.filter((k) => k !== id));
        };
        return (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">API keys</legend>
            <RadioGroup
              aria-label="Which API keys"
              value={chosen === null ? "all" : "some"}
              onValueChange={(mode) => field.onChange(mode === "all" ? null : [])}
              className="sm:grid-cols-2"
            >
              <RadioTile value="all">All API keys</RadioTile>
              <RadioTile value="some">Only the keys chosen below</RadioTile>
            </RadioGroup>
            {chosen !== null && (
              <div className="space-y-1 rounded-md border px-3 py-2">
                {isLoading && <p className="text-xs text-muted-foreground">Loading keys…</p>}
                {!isLoading && active.length === 0 && <p className="text-xs text-muted-foreground">No active API keys yet.</p>}
                {active.map((key) => (
                  <label key={key.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={chosen.includes(key.id)} onChange={(event) => toggle(key.id, event.target.checked)} />
                    {key.name}
                  </label>
                ))}
                {chosen.length === 0 && <p className="text-xs font-medium text-amber-800">No key chosen: this destination receives nothing.</p>}
              </div>
            )}
            {messages.map((message) => (
              <p key={message} className="text-xs font-medium text-destructive">
                {message}
              </p>
            ))}
          </fieldset>
        );
      }}
    />
  );
}
