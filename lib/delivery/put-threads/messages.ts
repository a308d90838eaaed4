import type { PlainError } from "@/lib/core/delivery/plain-error";
import type { PutObjectJob, S3ClientSettings } from "../put-object";

// What the delivery worker's thread and an S3 thread say to each other.

export type ThreadData = S3ClientSettings;
export type ToThread = { type: "put"; id: number; job: PutObjectJob } | { type: "abort"; id: number; reason: string; isError: boolean };
export type FromThread = { id: number; ok: true; bytes: number } | { id: number; ok: false; error: PlainError };
