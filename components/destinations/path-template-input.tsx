"use client";
import * as React from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Input } from "@/components/ui/input";
import type { FieldControlProps } from "./form-field";
import { completeVariable, templateTypingAt, type TemplateTyping } from "@/lib/core/object-keys/template-typing";

type Props = FieldControlProps & {
  registration: UseFormRegisterReturn<"pathTemplate">;
  typing: TemplateTyping;
  onTypingChange: (typing: TemplateTyping) => void;
  /** Writes a completed template back into the form (validating it). */
  onComplete: (value: string) => void;
};

const IDLE: TemplateTyping = { kind: "idle" };

/**
 * The Path Template input as a combobox: right after an unclosed "{" it lists the variables that fit
 * what was typed; ↑/↓ choose, Tab or Enter completes, Escape closes. Leaving the field ends typing, so
 * any error shows then.
 */
export function PathTemplateInput({ registration, typing, onTypingChange, onComplete, ...aria }: Props) {
  const inputRef = React.useRef<HTMLInputElement | null>(null);
  const listId = React.useId();
  const [active, setActive] = React.useState(0);
  const [isDismissed, setDismissed] = React.useState(false);
  const candidates = typing.kind === "choosing-variable" && !isDismissed ? typing.candidates : [];
  const isOpen = candidates.length > 0;
  const activeIndex = Math.min(active, Math.max(candidates.length - 1, 0));

  function readCaret(element: HTMLInputElement) {
    const caret = element.selectionStart === element.selectionEnd ? (element.selectionStart ?? -1) : -1;
    const next = templateTypingAt(element.value, caret);
    if (next.kind !== typing.kind || (next.kind === "choosing-variable" && typing.kind === "choosing-variable" && next.partial !== typing.partial)) {
      setActive(0);
    }
    onTypingChange(next);
  }

  function complete(index: number) {
    const element = inputRef.current;
    if (!element || typing.kind !== "choosing-variable") return;
    const variable = candidates[index];
    if (!variable) return;
    const caret = element.selectionStart ?? element.value.length;
    const next = completeVariable(element.value, caret, typing, variable);
    onComplete(next.value);
    onTypingChange(IDLE);
    requestAnimationFrame(() => element.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (!isOpen) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + candidates.length) % candidates.length);
    } else if (event.key === "Tab" || event.key === "Enter") {
      event.preventDefault();
      complete(activeIndex);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(true);
    }
  }

  return (
    <div className="relative">
      <Input
        {...aria}
        {...registration}
        ref={(element) => {
          registration.ref(element);
          inputRef.current = element;
        }}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={isOpen ? `${listId}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
        onChange={(event) => {
          setDismissed(false);
          void registration.onChange(event);
          readCaret(event.target);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (!["ArrowDown", "ArrowUp", "Tab", "Enter", "Escape"].includes(event.key)) readCaret(event.currentTarget);
        }}
        onClick={(event) => readCaret(event.currentTarget)}
        onBlur={(event) => {
          onTypingChange(IDLE);
          void registration.onBlur(event);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Variables"
        hidden={!isOpen}
        className="absolute z-10 mt-1 w-full rounded-md border bg-card p-1 text-sm shadow-md"
      >
        {candidates.map((name, index) => (
          <li
            key={name}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className={`cursor-pointer rounded px-2 py-1 font-mono ${index === activeIndex ? "bg-muted" : ""}`}
            // mousedown, not click: the input must not blur (which ends typing) before we complete.
            onMouseDown={(event) => {
              event.preventDefault();
              complete(index);
            }}
          >{`{${name}}`}</li>
        ))}
      </ul>
    </div>
  );
}
