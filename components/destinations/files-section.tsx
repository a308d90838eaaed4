"use client";
import { Controller, useWatch, type Control, type UseFormRegister } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { FlagSwitch } from "@/components/ui/flag-switch";
import { BATCH_MB, BATCH_SECONDS } from "@/lib/core/delivery/batch-window";
import { STORAGE_CLASSES } from "@/lib/core/write-options";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { FormField } from "./form-field";
import { FormSection } from "./form-parts";
import type { FormFieldName } from "./form-values";

// The destination form's "Files" section: how traces are laid out in files (one each, or batched
// NDJSON) and how every object is stored (server-side encryption, storage class).

type FilesSectionProps = {
  control: Control<DestinationFormValues>;
  register: UseFormRegister<DestinationFormValues>;
  messages: (name: FormFieldName) => string[];
};

const ENCRYPTION_CHOICES = [
  { value: "none", label: "None (the bucket's default)" },
  { value: "AES256", label: "SSE-S3 (AES256)" },
  { value: "aws:kms", label: "SSE-KMS (AWS KMS key)" },
] as const;

const STORAGE_CLASS_LABEL: Record<(typeof STORAGE_CLASSES)[number], string> = {
  STANDARD: "Standard",
  INTELLIGENT_TIERING: "Intelligent-Tiering",
  STANDARD_IA: "Standard-IA",
  ONEZONE_IA: "One Zone-IA",
  GLACIER_IR: "Glacier Instant Retrieval",
};

const SELECT_CLASS =
  "h-9 w-full rounded-md border bg-card px-2 text-sm shadow-xs disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive";

export function FilesSection({ control, register, messages }: FilesSectionProps) {
  const [fileLayout, serverSideEncryption] = useWatch({ control, name: ["fileLayout", "serverSideEncryption"] });
  const isBatched = fileLayout === "batched";
  return (
    <FormSection title="Files">
      <Controller
        control={control}
        name="fileLayout"
        render={({ field }) => (
          <RadioGroup
            aria-label="File layout"
            value={field.value}
            onValueChange={field.onChange}
            onBlur={field.onBlur}
            className="sm:grid-cols-2"
          >
            <RadioTile value="per_trace">One file per trace</RadioTile>
            <RadioTile value="batched">Batched</RadioTile>
          </RadioGroup>
        )}
      />
      <p className="text-xs text-muted-foreground">
        {isBatched
          ? "One file per window holding one trace per line (NDJSON): far fewer PUTs, and faster Athena and DuckDB scans."
          : "Each trace is its own JSON file, written as soon as it arrives."}
      </p>
      {isBatched && (
        <div className="grid gap-5 sm:grid-cols-3">
          <FormField
            id="destination-batch-seconds"
            label="Window (seconds)"
            hint={`${BATCH_SECONDS.min}–${BATCH_SECONDS.max}; a file closes this long after its first trace.`}
            messages={messages("batchMaxSeconds")}
          >
            {(aria) => <Input {...aria} type="number" inputMode="numeric" min={BATCH_SECONDS.min} max={BATCH_SECONDS.max} {...register("batchMaxSeconds")} />}
          </FormField>
          <FormField
            id="destination-batch-mb"
            label="Size limit (MB)"
            hint={`${BATCH_MB.min}–${BATCH_MB.max} MB uncompressed; or sooner, when this is reached.`}
            messages={messages("batchMaxMb")}
          >
            {(aria) => <Input {...aria} type="number" inputMode="numeric" min={BATCH_MB.min} max={BATCH_MB.max} {...register("batchMaxMb")} />}
          </FormField>
          <Controller
            control={control}
            name="gzip"
            render={({ field }) => (
              <FlagSwitch
                id="destination-gzip"
                label="Gzip"
                description="Write .json.gz files."
                checked={field.value ?? true}
                onCheckedChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
              />
            )}
          />
        </div>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id="destination-sse" label="Server-side encryption" messages={messages("serverSideEncryption")}>
          {(aria) => (
            <select {...aria} className={SELECT_CLASS} {...register("serverSideEncryption", { deps: ["kmsKeyId"] })}>
              {ENCRYPTION_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="destination-storage-class" label="Storage class" messages={messages("storageClass")}>
          {(aria) => (
            <select {...aria} className={SELECT_CLASS} {...register("storageClass")}>
              {STORAGE_CLASSES.map((value) => (
                <option key={value} value={value}>
                  {STORAGE_CLASS_LABEL[value]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {serverSideEncryption === "aws:kms" && (
        <FormField
          id="destination-kms-key"
          label="KMS key"
          isOptional
          hint={
            <>
              Key id, alias or ARN; blank uses the bucket&apos;s default key. The credentials need{" "}
              <code className="font-mono">kms:GenerateDataKey</code> on it.
            </>
          }
          messages={messages("kmsKeyId")}
        >
          {(aria) => (
            <Input {...aria} autoComplete="off" spellCheck={false} className="font-mono" placeholder="arn:aws:kms:…:key/…" {...register("kmsKeyId")} />
          )}
        </FormField>
      )}
    </FormSection>
  );
}
