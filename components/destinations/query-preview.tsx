"use client";
import * as React from "react";
import { useId, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { buildDestinationQueries } from "@/lib/core/queries/destination-queries";
import type { DestinationFormValues } from "@/lib/destinations/destination-schema";

// "Query your traces": the Athena table and DuckDB query for the bucket, prefix, template and file
// layout being edited, rebuilt in the browser on every keystroke by the same pure generator the
// API answers with, so what is copied matches what will be written.

export function QueryPreview({ control }: { control: Control<DestinationFormValues> }) {
  const [bucketName, prefix, pathTemplate, fileLayout, gzip] = useWatch({
    control,
    name: ["bucketName", "prefix", "pathTemplate", "fileLayout", "gzip"],
  });
  const headingId = useId();
  const built = buildDestinationQueries({
    bucket: bucketName?.trim() || "YOUR-BUCKET",
    prefix: prefix ?? "",
    pathTemplate: pathTemplate ?? "",
    fileLayout: fileLayout === "batched" ? "batched" : "per_trace",
    gzip: gzip ?? true,
  });
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="border-b pb-2 text-sm font-semibold">
        Query your traces
      </h3>
      {built.ok ? (
        <>
          <QueryBlock title="Athena table" text={built.queries.athenaDdl} />
          <QueryBlock title="DuckDB query" text={built.queries.duckdbSql} />
        </>
      ) : (
        <p className="text-sm text-muted-foreground">Fix the path template to see the queries for it.</p>
      )}
    </section>
  );
}

function QueryBlock({ title, text }: { title: string; text: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const codeId = useId();
  const preRef = React.useRef<HTMLPreElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      // Clipboard access can be refused; selecting the text lets Ctrl+C work instead.
      const range = document.createRange();
      if (preRef.current) range.selectNodeContents(preRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("failed");
    }
  }
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <h4 id={codeId} className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
          {title}
        </h4>
        <Button type="button" variant="outline" size="sm" onClick={() => void copy()} aria-label={`Copy ${title}`}>
          {copied === "copied" ? "Copied" : copied === "failed" ? "Press Ctrl+C" : "Copy"}
        </Button>
      </div>
      <pre
        ref={preRef}
        aria-labelledby={codeId}
        className="max-h-72 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs whitespace-pre"
      >
        {text}
      </pre>
    </div>
  );
}
