"use client";
import { Button } from "@/components/ui/button";
import { KeepCurrentHint } from "./form-parts";

type StoredTokenHintProps = {
  mask: string;
  /** True once the person chose Remove; Save then drops the stored token. */
  isRemoving: boolean;
  onRemovingChange: (removing: boolean) => void;
};

/** A blank Session Token keeps the stored one; Remove is the only way to drop it, and Keep undoes that. */
export function StoredTokenHint({ mask, isRemoving, onRemovingChange }: StoredTokenHintProps) {
  if (isRemoving) {
    return (
      <div className="flex flex-wrap items-center gap-x-2">
        <p role="status">The stored session token will be removed when you save.</p>
        <Button type="button" variant="ghost" size="sm" className="h-6 px-1.5" onClick={() => onRemovingChange(false)}>
          Keep session token
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-2">
      <div>
        <KeepCurrentHint mask={mask} />
      </div>
      <Button type="button" variant="ghost" size="sm" className="h-6 px-1.5" onClick={() => onRemovingChange(true)}>
        Remove session token
      </Button>
    </div>
  );
}
