"use client";
import { useId, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { useActiveApiKeyNames } from "@/components/api-keys/api-keys-query";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";
import { apiKeyNameInPaths, PATH_TEMPLATE_VARIABLES, renderPathTemplatePieces } from "@/lib/core/object-keys/path-template";
import { PREVIEW_API_KEY_NAME, previewObjectKey } from "@/lib/core/object-keys/object-key";
import { templateWarnings, type TemplateTyping } from "@/lib/core/object-keys/template-typing";

type Props = { control: Control<DestinationFormValues>; typing: TemplateTyping };

/** The object key a trace would get right now; recomputed in the browser on every keystroke. */
export function PathPreview({ control, typing }: Props) {
  const [pathTemplate = "", prefix = ""] = useWatch({ control, name: ["pathTemplate", "prefix"] });
  const headingId = useId();
  const pickerId = useId();
  const keyNames = useActiveApiKeyNames();
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const keyName = chosenKey !== null && keyNames.includes(chosenKey) ? chosenKey : (keyNames[0] ?? PREVIEW_API_KEY_NAME);
  const now = new Date();
  const preview = previewObjectKey(pathTemplate, prefix, now, keyName);
  const warnings = templateWarnings({ pathTemplate, prefix });
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border bg-muted/50 p-3">
      <h4 id={headingId} className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Path preview
      </h4>
      {typing.kind === "choosing-variable" ? (
        <p className="text-sm text-muted-foreground">
          {typing.candidates.length > 0
            ? "Finish the variable (Tab or Enter completes the highlighted one) to see the path."
            : `No variable starts with “${typing.partial}”. ${variableList()}`}
        </p>
      ) : preview.ok ? (
        <>
          <code data-testid="path-preview-key" className="block font-mono text-sm break-all text-foreground">
            <KeyWithPrefix template={pathTemplate} prefix={prefix} now={now} keyName={keyName} fullKey={preview.key} />
          </code>
          {usesPrefix(pathTemplate) && prefix !== "" && (
            <p className="text-xs text-muted-foreground">
              <mark className="rounded bg-primary/15 px-0.5 text-foreground">Highlighted</mark>: from Prefix.
            </p>
          )}
        </>
      ) : (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-destructive">
          {preview.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul aria-label="Warnings" className="space-y-0.5 text-xs text-amber-700 dark:text-amber-400">
          {warnings.map((warning) => (
            <li key={warning.message}>{warning.message}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
        <span>{variableList()} Dates in UTC.</span>
        <label htmlFor={pickerId} className="flex items-center gap-1">
          <code className="font-mono">{"{apiKeyName}"}</code> shown for
          {keyNames.length > 0 ? (
            <select
              id={pickerId}
              aria-label="API key shown in the preview"
              className="h-7 rounded border bg-background px-1 text-xs"
              value={keyName}
              onChange={(event) => setChosenKey(event.target.value)}
            >
              {keyNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <span>
              {PREVIEW_API_KEY_NAME} (an example: this account has no API key yet)
            </span>
          )}
        </label>
        {keyName !== apiKeyNameInPaths(keyName) && (
          <span>
            — written as <code className="font-mono">{apiKeyNameInPaths(keyName)}</code>
          </span>
        )}
      </div>
    </section>
  );
}

/** Whether the Prefix shows up in the key: the template names it, or is blank (the default uses it). */
function usesPrefix(template: string): boolean {
  return template.trim() === "" || template.includes("{prefix}");
}

function variableList(): string {
  return `Variables: ${PATH_TEMPLATE_VARIABLES.map((name) => `{${name}}`).join(", ")}.`;
}

/** The previewed key with the part that came from Prefix marked, so editing Prefix visibly matters. */
function KeyWithPrefix({ template, prefix, now, keyName, fullKey }: { template: string; prefix: string; now: Date; keyName: string; fullKey: string }) {
  const rendered = renderPathTemplatePieces(template, { prefix, date: now, apiKeyName: keyName });
  if (!rendered.ok) return <>{fullKey}</>;
  const folder = rendered.pieces.map((piece) => piece.text).join("");
  // The key builder owns the join; the pieces only annotate the folder it starts with.
  if (!fullKey.startsWith(folder)) return <>{fullKey}</>;
  return (
    <>
      {rendered.pieces.map((piece, index) =>
        piece.source === "prefix" && piece.text !== "" ? (
          <mark key={index} title="From Prefix" aria-description="from Prefix" className="rounded bg-primary/15 px-0.5 text-foreground">
            {piece.text}
          </mark>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
      {fullKey.slice(folder.length)}
    </>
  );
}
