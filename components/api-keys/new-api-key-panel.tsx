"use client";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { CreatedApiKey } from "@/lib/api-keys/api-key-view";

type CopyState = "idle" | "copied" | "failed";

/** Shows a new key the one time it exists in plaintext; "Done" drops it from memory. */
export function NewApiKeyPanel({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopyState("copied");
    } catch {
      // Clipboard access can be refused (permissions, insecure origin); selecting lets Ctrl+C work.
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div className="space-y-4">
      <Alert tone="warning" icon={<TriangleAlert />}>
        <p className="font-medium">Copy the key for “{created.apiKey.name}” now: it will not be shown again.</p>
        <p>Broadcast stores only a hash of it. If you lose it, revoke it and create a new one.</p>
      </Alert>
      <div className="space-y-1.5">
        <Label htmlFor="new-api-key">API Key</Label>
        <div className="flex gap-2">
          <Input
            ref={inputRef}
            id="new-api-key"
            readOnly
            value={created.key}
            spellCheck={false}
            autoComplete="off"
            // 13px, not 14px: Chromium drops the underscore of DejaVu Sans Mono at 14px inside inputs.
            className="font-mono text-[0.8125rem]"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button type="button" variant="outline" onClick={copy}>
            {copyState === "copied" ? <Check aria-hidden className="size-4 text-success" /> : <Copy aria-hidden className="size-4" />}
            {copyState === "copied" ? "Copied" : "Copy"}
          </Button>
        </div>
        <p role="status" className="min-h-4 text-xs text-muted-foreground">
          {copyState === "failed" && "Could not copy automatically. The key is selected: press Ctrl+C (⌘C on a Mac)."}
        </p>
      </div>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
