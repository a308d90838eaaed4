// How every object Broadcast writes is stored: server-side encryption and storage class. Pure, so
// the form, the connection test and the delivery workers read one list of choices.

export const SERVER_SIDE_ENCRYPTIONS = ["none", "AES256", "aws:kms"] as const;
export type ServerSideEncryption = (typeof SERVER_SIDE_ENCRYPTIONS)[number];

export const STORAGE_CLASSES = ["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR"] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

export type WriteOptions = {
  serverSideEncryption: ServerSideEncryption;
  /** Key id, alias or ARN; only with aws:kms. Blank there means the bucket's default (aws/s3) key. */
  kmsKeyId: string;
  storageClass: StorageClass;
};

export const DEFAULT_WRITE_OPTIONS: WriteOptions = { serverSideEncryption: "none", kmsKeyId: "", storageClass: "STANDARD" };

/** The PutObject fields for these options, named as @aws-sdk/client-s3 names them. */
export type PutObjectWriteFields = {
  ServerSideEncryption?: "AES256" | "aws:kms";
  SSEKMSKeyId?: string;
  StorageClass?: Exclude<StorageClass, "STANDARD">;
};

/**
 * Defaults send no header at all, so a destination that never chose an option writes exactly as
 * before (some S3-compatible servers refuse headers they do not implement).
 */
export function putObjectWriteFields(options: Partial<WriteOptions> | undefined): PutObjectWriteFields {
  const fields: PutObjectWriteFields = {};
  const sse = options?.serverSideEncryption;
  if (sse === "AES256" || sse === "aws:kms") fields.ServerSideEncryption = sse;
  const keyId = options?.kmsKeyId?.trim() ?? "";
  if (sse === "aws:kms" && keyId) fields.SSEKMSKeyId = keyId;
  const storageClass = options?.storageClass;
  if (storageClass && storageClass !== "STANDARD" && (STORAGE_CLASSES as readonly string[]).includes(storageClass)) {
    fields.StorageClass = storageClass;
  }
  return fields;
}

/** A KMS key id, alias or ARN as AWS spells them; checked before any request is made. */
const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

export function kmsKeyIdProblem(keyId: string): string | undefined {
  if (keyId === "") return undefined;
  if (keyId.length > 2048) return "KMS key must be at most 2,048 characters.";
  if (!KMS_KEY.test(keyId)) return "KMS key must be a key id, an alias (alias/…) or a key or alias ARN (arn:aws:kms:…).";
  return undefined;
}

export function hasWriteOptions(options: Partial<WriteOptions> | undefined): boolean {
  return Object.keys(putObjectWriteFields(options)).length > 0;
}
