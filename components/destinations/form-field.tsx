import type * as React from "react";
import { Label } from "@/components/ui/label";

export type FieldControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

type FormFieldProps = {
  id: string;
  label: string;
  hint?: React.ReactNode;
  messages: string[];
  isOptional?: boolean;
  /** Receives the id and ARIA links the input must carry. */
  children: (control: FieldControlProps) => React.ReactNode;
};

/** Label, input, hint and every error message, linked so a screen reader reads them with the input. */
export function FormField({ id, label, hint, messages, isOptional, children }: FormFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = messages.length > 0;
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {isOptional && <span className="text-xs text-muted-foreground">Optional</span>}
      </div>
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": hasError ? true : undefined })}
      {hint && (
        <div id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </div>
      )}
      {hasError && (
        <div id={errorId} className="space-y-0.5 text-xs font-medium text-destructive">
          {messages.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </div>
  );
}
