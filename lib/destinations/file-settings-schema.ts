import { z } from "zod";
import { BATCH_MB, BATCH_SECONDS } from "@/lib/core/delivery/batch-window";
import type { FileLayout } from "@/lib/core/queries/destination-queries";
import {
  DEFAULT_WRITE_OPTIONS,
  kmsKeyIdProblem,
  SERVER_SIDE_ENCRYPTIONS,
  STORAGE_CLASSES,
  type WriteOptions,
} from "@/lib/core/write-options";

// The destination form's "Files" fields (layout, batching, gzip, encryption, storage class), kept
// apart from destination-schema.ts so the section and its rules live together.

const whole = (label: string, range: { min: number; max: number; default: number }, unit: string) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(range.min, { error: `${label} must be between ${range.min} and ${range.max} ${unit}.` })
    .max(range.max, { error: `${label} must be between ${range.min} and ${range.max} ${unit}.` })
    .default(range.default);

export const fileSettingsShape = {
  fileLayout: z.enum(["per_trace", "batched"], { error: "Choose one file per trace or batched files." }).default("per_trace"),
  batchMaxSeconds: whole("Window", BATCH_SECONDS, "seconds"),
  batchMaxMb: whole("Size limit", BATCH_MB, "MB"),
  gzip: z.boolean().default(true),
  serverSideEncryption: z.enum(SERVER_SIDE_ENCRYPTIONS, { error: "Choose none, SSE-S3 or SSE-KMS." }).default("none"),
  // Checked in checkFileSettings: only SSE-KMS uses it, so a leftover value must not block a save.
  kmsKeyId: z.string().trim().default(""),
  storageClass: z.enum(STORAGE_CLASSES, { error: "Choose a storage class." }).default("STANDARD"),
};

/** Object-level rules of the section; destination-schema.ts runs it in its superRefine. */
export function checkFileSettings(values: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (values.serverSideEncryption !== "aws:kms") return;
  const keyId = typeof values.kmsKeyId === "string" ? values.kmsKeyId.trim() : "";
  const message = kmsKeyIdProblem(keyId);
  if (message) ctx.addIssue({ code: "custom", path: ["kmsKeyId"], message });
}

export type FileSettings = {
  fileLayout: FileLayout;
  batchMaxSeconds: number;
  batchMaxMb: number;
  gzip: boolean;
} & WriteOptions;

export const DEFAULT_FILE_SETTINGS: FileSettings = {
  fileLayout: "per_trace",
  batchMaxSeconds: BATCH_SECONDS.default,
  batchMaxMb: BATCH_MB.default,
  gzip: true,
  ...DEFAULT_WRITE_OPTIONS,
};

const oneOf = <T extends string>(choices: readonly T[], value: string, fallback: T): T =>
  (choices as readonly string[]).includes(value) ? (value as T) : fallback;

/** A stored row's text columns as the typed settings; an unknown value reads as the default. */
export function readFileSettings(row: {
  fileLayout: string;
  batchMaxSeconds: number;
  batchMaxMb: number;
  gzip: boolean;
  serverSideEncryption: string;
  kmsKeyId: string;
  storageClass: string;
}): FileSettings {
  return {
    fileLayout: oneOf(["per_trace", "batched"] as const, row.fileLayout, "per_trace"),
    batchMaxSeconds: row.batchMaxSeconds,
    batchMaxMb: row.batchMaxMb,
    gzip: row.gzip,
    serverSideEncryption: oneOf(SERVER_SIDE_ENCRYPTIONS, row.serverSideEncryption, "none"),
    kmsKeyId: row.kmsKeyId,
    storageClass: oneOf(STORAGE_CLASSES, row.storageClass, "STANDARD"),
  };
}
