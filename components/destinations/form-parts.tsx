"use client";
import type * as React from "react";
import { Controller, type Control } from "react-hook-form";
import { Input } from "@/components/ui/input";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { FlagSwitch } from "../ui/flag-switch";

// Small pieces of the destination form, kept apart so destination-form.tsx reads as the field list.

const KEEP_CURRENT = "Leave blank to keep current";

export function FormSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-5">
      <h3 className="border-b pb-2 text-sm font-semibold">{title}</h3>
      {children}
    </div>
  );
}

export function KeepCurrentHint({ mask }: { mask: string }) {
  return (
    <>
      <p>{KEEP_CURRENT}</p>
      <p>
        Current: <span className="font-mono">{mask}</span>
      </p>
    </>
  );
}

export function SecretInput(props: React.ComponentProps<typeof Input>) {
  // "new-password" keeps browsers from autofilling a saved login into an S3 secret.
  return <Input type="password" autoComplete="new-password" spellCheck={false} data-1p-ignore {...props} />;
}

export function FlagField({
  control,
  name,
  label,
  description,
}: {
  control: Control<DestinationFormValues>;
  name: "enabled" | "privacyMode";
  label: string;
  description: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FlagSwitch
          id={`destination-${name}`}
          label={label}
          description={description}
          checked={field.value ?? false}
          onCheckedChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}
