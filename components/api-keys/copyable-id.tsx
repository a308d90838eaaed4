"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A key's id, which scripts put in a destination's api_key_ids, with a copy button. */
export function CopyableId({ id, name }: { id: string; name: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure origin, permissions): the id is selectable text as well.
      setCopied(false);
    }
  }
  return (
    <span className="inline-flex items-center gap-1">
      <code className="font-mono text-xs break-all select-all">{id}</code>
      <Button type="button" variant="ghost" size="sm" aria-label={`Copy the id of ${name}`} onClick={copy}>
        {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      </Button>
      <span role="status" className="sr-only">
        {copied ? "Copied" : ""}
      </span>
    </span>
  );
}
