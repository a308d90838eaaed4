import type { FileSettings } from "@/lib/destinations/file-settings-schema";

const ENCRYPTION: Record<FileSettings["serverSideEncryption"], string | null> = {
  none: null,
  AES256: "SSE-S3",
  "aws:kms": "SSE-KMS",
};

/** One line for the destination card, e.g. "Batched · 60 s / 16 MB · gzip · SSE-KMS · STANDARD_IA". */
export function describeFiles(settings: FileSettings): string {
  const parts =
    settings.fileLayout === "batched"
      ? ["Batched", `${settings.batchMaxSeconds} s / ${settings.batchMaxMb} MB`, settings.gzip ? "gzip" : "no gzip"]
      : ["One file per trace"];
  const encryption = ENCRYPTION[settings.serverSideEncryption];
  if (encryption) parts.push(encryption);
  if (settings.storageClass !== "STANDARD") parts.push(settings.storageClass);
  return parts.join(" · ");
}
