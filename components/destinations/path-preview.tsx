"use client";
import { useId } from "react";
import { useWatch, type Control } from "react-hook-form";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { PATH_TEMPLATE_VARIABLES } from "@/lib/core/object-keys/path-template";
import { PREVIEW_API_KEY_NAME, previewObjectKey } from "@/lib/core/object-keys/object-key";

/** The object key a trace would get right now; recomputed in the browser on every keystroke. */
export function PathPreview({ control }: { control: Control<DestinationFormValues> }) {
  const [pathTemplate, prefix] = useWatch({ control, name: ["pathTemplate", "prefix"] });
  const headingId = useId();
  const preview = previewObjectKey(pathTemplate ?? "", prefix ?? "", new Date());
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border bg-muted/50 p-3">
      <h4 id={headingId} className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Path preview
      </h4>
      {preview.ok ? (
        <code className="block font-mono text-sm break-all text-foreground">{preview.key}</code>
      ) : (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-destructive">
          {preview.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
      <p className="text-xs text-muted-foreground">
        Variables:{" "}
        {PATH_TEMPLATE_VARIABLES.map((name) => (
          <code key={name} className="mr-1 rounded bg-card px-1 py-0.5 font-mono">{`{${name}}`}</code>
        ))}
        — dates in UTC; <code className="font-mono">{"{apiKeyName}"}</code> is the calling API key, shown here as{" "}
        {PREVIEW_API_KEY_NAME}.
      </p>
    </section>
  );
}
