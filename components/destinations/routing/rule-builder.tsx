"use client";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FIXED_FIELDS, fieldKindOf, METADATA_PREFIX, operatorsFor, type Operator } from "@/lib/core/routing/routing-fields";
import type { Logic } from "@/lib/core/routing/routing-schema";
import {
  addGroup,
  addRule,
  editRule,
  needsNumber,
  newFilter,
  parseValueInput,
  removeRule,
  setLogic,
  withField,
  withOperator,
  type DraftFilter,
  type DraftRule,
} from "./rule-edits";

// Native selects and inputs, each with its own label: the builder works from the keyboard alone and
// a screen reader names every control ("Group 1, rule 2: operator").

const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "equals", not_equals: "does not equal", contains: "contains", not_contains: "does not contain",
  regex: "matches regex", starts_with: "starts with", ends_with: "ends with",
  gt: "greater than", lt: "less than", gte: "at least", lte: "at most", exists: "is set", not_exists: "is not set",
};
const selectClass = "h-9 rounded-md border bg-card px-2 text-sm shadow-xs";

type RuleBuilderProps = {
  value: DraftFilter | null;
  onChange: (next: DraftFilter | null) => void;
  /** Error messages at a path inside filterRules ("groups.0.rules.1.value"). */
  errorsAt: (path: string) => string[];
};

export function RuleBuilder({ value, onChange, errorsAt }: RuleBuilderProps) {
  if (value === null) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-muted-foreground">No filter: every trace that passes sampling and the key check is sent.</p>
        <Button type="button" variant="outline" size="sm" onClick={() => onChange(newFilter())}>
          <Plus aria-hidden className="size-3.5" /> Add a filter rule
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {value.groups.length > 1 && (
        <LogicSelect id="filter-logic" label="Groups are joined by" value={value.logic} onChange={(logic) => onChange(setLogic(value, null, logic))} />
      )}
      {value.groups.map((group, g) => (
        <fieldset key={g} className="space-y-2 rounded-md border p-3">
          <legend className="px-1 text-sm font-medium">Group {g + 1}</legend>
          {group.rules.length > 1 && (
            <LogicSelect id={`filter-group-${g}-logic`} label={`Rules in group ${g + 1} are joined by`} value={group.logic} onChange={(logic) => onChange(setLogic(value, g, logic))} />
          )}
          {group.rules.map((rule, r) => (
            <RuleRow
              key={r}
              id={`filter-${g}-${r}`}
              name={`Group ${g + 1}, rule ${r + 1}`}
              rule={rule}
              errors={(part) => errorsAt(`groups.${g}.rules.${r}.${part}`)}
              onChange={(edit) => onChange(editRule(value, g, r, edit))}
              onRemove={() => onChange(removeRule(value, g, r))}
            />
          ))}
          {errorsAt(`groups.${g}.rules`).map((m) => <p key={m} className="text-xs font-medium text-destructive">{m}</p>)}
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange(addRule(value, g))}>
            <Plus aria-hidden className="size-3.5" /> Add a rule to group {g + 1}
          </Button>
        </fieldset>
      ))}
      {errorsAt("groups").map((m) => <p key={m} className="text-xs font-medium text-destructive">{m}</p>)}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => onChange(addGroup(value))}>
          <Plus aria-hidden className="size-3.5" /> Add a group
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => onChange(null)}>
          Remove all rules
        </Button>
      </div>
    </div>
  );
}

function LogicSelect({ id, label, value, onChange }: { id: string; label: string; value: Logic; onChange: (logic: Logic) => void }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(e.target.value as Logic)}>
        <option value="and">AND (all must match)</option>
        <option value="or">OR (any may match)</option>
      </select>
    </div>
  );
}

type RuleRowProps = {
  id: string;
  name: string;
  rule: DraftRule;
  errors: (part: "field" | "operator" | "value") => string[];
  onChange: (edit: (rule: DraftRule) => DraftRule) => void;
  onRemove: () => void;
};

function RuleRow({ id, name, rule, errors, onChange, onRemove }: RuleRowProps) {
  const metadataKey = rule.field.startsWith(METADATA_PREFIX) ? rule.field.slice(METADATA_PREFIX.length) : null;
  const kind = fieldKindOf(rule.field);
  const operators = kind ? operatorsFor(kind) : operatorsFor("metadata");
  const hasValue = rule.operator !== "exists" && rule.operator !== "not_exists";
  const messages = [...errors("field"), ...errors("operator"), ...errors("value")];
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-field`} className="sr-only">{name}: field</label>
        <select id={`${id}-field`} className={selectClass} value={metadataKey === null ? rule.field : "metadata"}
          onChange={(e) => onChange((r) => withField(r, e.target.value === "metadata" ? `${METADATA_PREFIX}${metadataKey ?? ""}` : e.target.value))}>
          {FIXED_FIELDS.map((field) => <option key={field} value={field}>{field}</option>)}
          <option value="metadata">metadata.…</option>
        </select>
        {metadataKey !== null && (
          <>
            <label htmlFor={`${id}-key`} className="sr-only">{name}: metadata key</label>
            <Input id={`${id}-key`} className="w-32" placeholder="key" value={metadataKey} autoComplete="off" spellCheck={false}
              onChange={(e) => onChange((r) => ({ ...r, field: `${METADATA_PREFIX}${e.target.value}` }))} />
          </>
        )}
        <label htmlFor={`${id}-operator`} className="sr-only">{name}: operator</label>
        <select id={`${id}-operator`} className={selectClass} value={rule.operator} onChange={(e) => onChange((r) => withOperator(r, e.target.value as Operator))}>
          {operators.map((op) => <option key={op} value={op}>{OPERATOR_LABELS[op]}</option>)}
        </select>
        {hasValue && (
          <>
            <label htmlFor={`${id}-value`} className="sr-only">{name}: value</label>
            <Input id={`${id}-value`} className="w-48 flex-1" autoComplete="off" spellCheck={false}
              type={needsNumber(rule.field, rule.operator) ? "number" : "text"} step="any"
              aria-invalid={messages.length > 0 ? true : undefined}
              value={rule.value ?? ""} onChange={(e) => onChange((r) => parseValueInput(r, e.target.value))} />
          </>
        )}
        <Button type="button" variant="ghost" size="sm" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
          <Trash2 aria-hidden className="size-3.5" />
        </Button>
      </div>
      {messages.map((m) => <p key={m} className="text-xs font-medium text-destructive">{m}</p>)}
    </div>
  );
}
