"use client";
import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Control } from "react-hook-form";
import { Input } from "@/components/ui/input";
import {
  destinationFormSchemaFor,
  type DestinationFormValues,
  type DestinationInput,
} from "@/lib/destinations/destination-schema";
import { PROVIDER_PRESETS, type Provider } from "@/lib/destinations/provider-presets";
import { FormField } from "./form-field";
import { FlagField, FormSection, KeepCurrentHint, SecretInput } from "./form-parts";
import { StoredTokenHint } from "./stored-token-hint";
import { fieldMessages, splitFieldErrors, storedConnectionOf, toFieldError, type FormFieldName } from "./form-values";
import { FilesSection } from "./files-section";
import { PathPreview } from "./path-preview";
import { QueryPreview } from "./query-preview";
import { PathTemplateInput } from "./path-template-input";
import type { TemplateTyping } from "@/lib/core/object-keys/template-typing";
import { ProviderPicker } from "./provider-picker";
import { RoutingSection } from "./routing/routing-section";
import type { ConnectionValues } from "./save-gate";

/** Runs with valid values; returns the server's errors per field, if any. */
export type FormAction = (values: DestinationInput) => Promise<Record<string, string[]> | undefined>;

export type StoredSecretMasks = { secretAccessKey: string; sessionToken: string | null };

type DestinationFormProps = {
  initialValues: DestinationFormValues;
  /** Masks of the stored secrets when editing; null when adding. */
  storedSecrets: StoredSecretMasks | null;
  isBusy: boolean;
  onTest: FormAction;
  onSave: FormAction;
  /** The container's buttons, given the live values and a way to run the test through validation. */
  renderActions: (controls: { values: ConnectionValues; test: () => void; formErrors: string[] }) => React.ReactNode;
};

const RETYPED_FIELDS: ("secretAccessKey" | "sessionToken")[] = ["secretAccessKey", "sessionToken"];

/** Owns the form state; the container owns what happens with the values (see destination-editor.tsx). */
export function DestinationForm({ initialValues, storedSecrets, isBusy, onTest, onSave, renderActions }: DestinationFormProps) {
  // Editing adds the retype rule, judged against the saved connection the form started from.
  const [schema] = React.useState(() => destinationFormSchemaFor(storedConnectionOf(initialValues, storedSecrets)));
  const form = useForm<DestinationFormValues, unknown, DestinationInput>({
    resolver: zodResolver(schema),
    mode: "onChange",
    criteriaMode: "all",
    defaultValues: initialValues,
  });
  const { register, control, setValue, setError, getFieldState, trigger, handleSubmit } = form;
  const errors = form.formState.errors;
  const provider = useWatch({ control, name: "provider" });
  const preset = PROVIDER_PRESETS[provider];
  const providerLabelId = React.useId();
  const isRemovingToken = useWatch({ control, name: "removeSessionToken" }) === true;
  // On edit, a moved endpoint or region at once says why the secret must be typed again.
  const movesConnection = storedSecrets ? { deps: RETYPED_FIELDS } : {};

  // While a variable is being typed, "Unbalanced braces" would flash on every "{": the field offers
  // the variables instead and its errors wait until the person leaves the field or saves.
  const [typing, setTyping] = React.useState<TemplateTyping>({ kind: "idle" });
  const messages = (name: FormFieldName) =>
    name === "pathTemplate" && typing.kind === "choosing-variable" ? [] : fieldMessages(errors[name]);

  function chooseProvider(next: Provider) {
    setValue("provider", next, { shouldDirty: true });
    setValue("region", PROVIDER_PRESETS[next].region, { shouldDirty: true, shouldValidate: true });
    // Whether the endpoint is required depends on the provider; only refresh a message already shown.
    if (getFieldState("endpoint").error) void trigger("endpoint");
    if (storedSecrets) void trigger(RETYPED_FIELDS);
  }

  const run = (action: FormAction) =>
    handleSubmit(async (values) => {
      const serverErrors = await action(values);
      if (!serverErrors) return;
      const { byField, other } = splitFieldErrors(serverErrors);
      byField.forEach(([name, list], i) => setError(name, toFieldError(list), { shouldFocus: i === 0 }));
      if (other.length > 0) setError("root.server", toFieldError(other));
    });

  return (
    // method="post": should a submit ever bypass the handler, the secret must not land in the URL.
    <form method="post" noValidate onSubmit={run(onSave)} className="space-y-8">
      {/* The actions stay outside: the container keeps focus on its Test button while the test runs. */}
      <fieldset disabled={isBusy} className="min-w-0 space-y-8">
        <FormSection title="General">
          <FormField id="destination-name" label="Name" messages={messages("name")}>
            {(aria) => <Input {...aria} autoComplete="off" {...register("name")} />}
          </FormField>
          <div className="space-y-1.5">
            <p id={providerLabelId} className="text-sm font-medium">
              Provider
            </p>
            <ProviderPicker value={provider} onChange={chooseProvider} labelledBy={providerLabelId} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <FlagField control={control} name="enabled" label="Enabled" description="Send traces to this bucket." />
            <FlagField
              control={control}
              name="privacyMode"
              label="Privacy Mode"
              description="Drop prompts and completions; keep model, timing, usage and cost."
            />
          </div>
        </FormSection>

        <FormSection title="Bucket">
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField id="destination-bucket" label="Bucket Name" messages={messages("bucketName")}>
              {(aria) => <Input {...aria} autoComplete="off" spellCheck={false} {...register("bucketName")} />}
            </FormField>
            <FormField id="destination-region" label="Region" hint={preset.regionHint} messages={messages("region")}>
              {(aria) => <Input {...aria} autoComplete="off" spellCheck={false} {...register("region", movesConnection)} />}
            </FormField>
          </div>
          <FormField
            id="destination-endpoint"
            label="Custom Endpoint"
            hint={preset.endpointHint}
            isOptional={!preset.endpointRequired}
            messages={messages("endpoint")}
          >
            {(aria) => (
              <Input
                {...aria}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder={preset.endpointPlaceholder || undefined}
                {...register("endpoint", movesConnection)}
              />
            )}
          </FormField>
        </FormSection>

        <FormSection title="Credentials">
          <FormField id="destination-access-key" label="Access Key Id" hint={preset.accessKeyHint} messages={messages("accessKeyId")}>
            {(aria) => <Input {...aria} autoComplete="off" spellCheck={false} {...register("accessKeyId")} />}
          </FormField>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField
              id="destination-secret"
              label="Secret Access Key"
              hint={storedSecrets && <KeepCurrentHint mask={storedSecrets.secretAccessKey} />}
              messages={messages("secretAccessKey")}
            >
              {(aria) => <SecretInput {...aria} {...register("secretAccessKey")} />}
            </FormField>
            <FormField
              id="destination-session-token"
              label="Session Token"
              isOptional
              hint={
                storedSecrets?.sessionToken ? (
                  <StoredTokenHint
                    mask={storedSecrets.sessionToken}
                    isRemoving={isRemovingToken}
                    onRemovingChange={(removing) => {
                      setValue("removeSessionToken", removing, { shouldDirty: true });
                      void trigger("sessionToken");
                    }}
                  />
                ) : (
                  "Only for temporary credentials (for example from AWS STS)."
                )
              }
              messages={messages("sessionToken")}
            >
              {(aria) => <SecretInput {...aria} {...register("sessionToken")} />}
            </FormField>
          </div>
        </FormSection>

        <FormSection title="Object path">
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField
              id="destination-prefix"
              label="Prefix"
              hint={<>Used where the template says <code className="font-mono">{"{prefix}"}</code>.</>}
              messages={messages("prefix")}
            >
              {(aria) => (
                <Input {...aria} autoComplete="off" spellCheck={false} {...register("prefix", { deps: ["pathTemplate"] })} />
              )}
            </FormField>
            <FormField
              id="destination-path-template"
              label="Path Template"
              hint="Folders for each trace file; empty uses the default."
              messages={messages("pathTemplate")}
            >
              {(aria) => (
                <PathTemplateInput
                  {...aria}
                  registration={register("pathTemplate", { deps: ["prefix"] })}
                  typing={typing}
                  onTypingChange={setTyping}
                  onComplete={(value) => setValue("pathTemplate", value, { shouldDirty: true, shouldValidate: true })}
                />
              )}
            </FormField>
          </div>
          <PathPreview control={control} typing={typing} />
        </FormSection>

        <FilesSection control={control} register={register} messages={messages} />
        <QueryPreview control={control} />
        <RoutingSection control={control} errors={errors} />
      </fieldset>
      <LiveActions
        control={control}
        render={(values) =>
          renderActions({ values, test: () => void run(onTest)(), formErrors: fieldMessages(errors.root?.server) })
        }
      />
    </form>
  );
}

/** Re-renders only the actions on each keystroke, not the whole form. */
function LiveActions({
  control,
  render,
}: {
  control: Control<DestinationFormValues>;
  render: (values: ConnectionValues) => React.ReactNode;
}) {
  const values = useWatch({ control });
  return <>{render(values)}</>;
}
