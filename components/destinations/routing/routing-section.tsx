"use client";
import { Controller, get, type Control, type FieldErrors } from "react-hook-form";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { FormSection } from "../form-parts";
import { fieldMessages } from "../form-values";
import { ApiKeyPicker } from "./api-key-picker";
import { RuleBuilder } from "./rule-builder";
import type { DraftFilter } from "./rule-edits";
import { SamplingField } from "./sampling-field";
import { TryRules } from "./try-rules";

/** Which traces this destination gets: sampling, API keys, filter rules (lib/core/routing). */
export function RoutingSection({ control, errors }: { control: Control<DestinationFormValues>; errors: FieldErrors<DestinationFormValues> }) {
  const messagesAt = (path: string) => fieldMessages(get(errors, path));
  return (
    <FormSection title="Routing">
      <p className="text-sm text-muted-foreground">
        A trace is sent when its API key is allowed, it falls inside the sampling rate, and the filter rules match.
      </p>
      <SamplingField control={control} messages={messagesAt("samplingRate")} />
      <ApiKeyPicker control={control} messages={[...messagesAt("apiKeyIds"), ...listMessages(errors, "apiKeyIds")]} />
      <div className="space-y-2">
        <h4 className="text-sm font-medium">Filter rules</h4>
        <Controller
          control={control}
          name="filterRules"
          render={({ field }) => (
            <RuleBuilder
              value={(field.value ?? null) as DraftFilter | null}
              onChange={(next) => field.onChange(next)}
              errorsAt={(path) => messagesAt(`filterRules.${path}`)}
            />
          )}
        />
      </div>
      <TryRules control={control} />
    </FormSection>
  );
}

/** Messages on list items (`apiKeyIds.2`): a duplicate or unknown key. */
function listMessages(errors: FieldErrors<DestinationFormValues>, name: "apiKeyIds"): string[] {
  const items = errors[name];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => fieldMessages(item as never));
}
