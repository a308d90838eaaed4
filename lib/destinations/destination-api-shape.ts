import { z } from "zod";
import { DESTINATION_FIELDS, SECRET_FIELDS, type DestinationField } from "./destination-fields";
import type { DestinationFormValues } from "./destination-schema";
import type { DestinationView } from "./destination-view";
import type { Provider } from "./provider-presets";

// The destinations API speaks OpenRouter's field names; the form and the store speak ours. This one
// table maps between them, so the API reuses destinationFormSchema's rules instead of restating them.

/** Where each setting lives in an API body: a top-level name or `config.<name>`. */
export const API_NAMES = {
  name: "name",
  enabled: "enabled",
  privacyMode: "privacy_mode",
  provider: "provider",
  samplingRate: "sampling_rate",
  apiKeyIds: "api_key_ids",
  filterRules: "filter_rules",
  // Files and write options (issue 15): top-level, beside sampling_rate.
  fileLayout: "file_layout",
  batchMaxSeconds: "batch_max_seconds",
  batchMaxMb: "batch_max_mb",
  gzip: "gzip",
  serverSideEncryption: "server_side_encryption",
  kmsKeyId: "kms_key_id",
  storageClass: "storage_class",
  bucketName: "config.bucket_name",
  region: "config.region",
  endpoint: "config.endpoint",
  accessKeyId: "config.access_key_id",
  secretAccessKey: "config.secret_access_key",
  sessionToken: "config.session_token",
  prefix: "config.prefix",
  pathTemplate: "config.path_template",
} as const satisfies Record<DestinationField, string>;

/** OpenRouter calls Amazon S3 "aws"; everything else keeps our name. */
const API_PROVIDERS = { s3: "aws", r2: "r2", minio: "minio", other: "other" } as const satisfies Record<Provider, string>;
export const API_PROVIDER_NAMES = Object.values(API_PROVIDERS);
const FROM_API_PROVIDER = Object.fromEntries(Object.entries(API_PROVIDERS).map(([ours, api]) => [api, ours])) as Record<string, Provider>;

export type ApiDestination = Record<string, unknown> & { id: string; config: Record<string, unknown> };

const TOP_LEVEL = new Set<string>(DESTINATION_FIELDS.map((f) => API_NAMES[f]).filter((n) => !n.startsWith("config.")));
const IN_CONFIG = new Set<string>(DESTINATION_FIELDS.map((f) => API_NAMES[f]).filter((n) => n.startsWith("config.")).map((n) => n.slice(7)));

/** The stored destination as the API shows it: secrets as masks (`••••WXYZ`), never their values. */
export function toApiDestination(view: DestinationView): ApiDestination {
  const out: ApiDestination = { id: view.id, config: {} };
  for (const field of DESTINATION_FIELDS) {
    const value = field === "secretAccessKey" ? view.secretAccessKeyMask : field === "sessionToken" ? view.sessionTokenMask : view[field];
    setAt(out, API_NAMES[field], field === "provider" ? API_PROVIDERS[view.provider] : value);
  }
  return { ...out, last_tested_at: view.lastTestedAt, created_at: view.createdAt, updated_at: view.updatedAt };
}

/** Issues by API path; the field names of the form's schema become the API's. */
export function toApiPath(formPath: string): string {
  const [head, ...rest] = formPath.split(".");
  const mapped = (API_NAMES as Record<string, string>)[head ?? ""] ?? head;
  return [mapped, ...rest].join(".");
}

export type ApiIssue = { path: string; message: string };

const bodySchema = z.record(z.string(), z.unknown(), { error: "The body must be a JSON object." });

/**
 * An API body → form values over `base` (the stored destination's values on PATCH, the defaults on
 * POST). Omitted fields keep `base`; omitted or mask-valued secrets stay blank, which means keep.
 * Unknown names are refused, so a typo is not silently ignored.
 */
export function fromApiBody(
  body: unknown,
  base: DestinationFormValues,
  masks: { secretAccessKey: string | null; sessionToken: string | null } = { secretAccessKey: null, sessionToken: null },
): { ok: true; values: DestinationFormValues; providerGiven: boolean } | { ok: false; issues: ApiIssue[] } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: [{ path: "", message: "The body must be a JSON object." }] };
  const issues: ApiIssue[] = [];
  const object = parsed.data;
  for (const name of Object.keys(object)) if (!TOP_LEVEL.has(name) && name !== "config") issues.push({ path: name, message: "Unknown field." });
  const config = object.config;
  if (config !== undefined && (typeof config !== "object" || config === null || Array.isArray(config))) {
    issues.push({ path: "config", message: "config must be an object." });
  } else if (config) {
    for (const name of Object.keys(config)) if (!IN_CONFIG.has(name)) issues.push({ path: `config.${name}`, message: "Unknown field." });
  }
  if (issues.length > 0) return { ok: false, issues };
  const values: Record<string, unknown> = { ...base };
  for (const field of DESTINATION_FIELDS) {
    const value = getAt(object, API_NAMES[field]);
    if (value === undefined) continue;
    values[field] = field === "provider" && typeof value === "string" ? (FROM_API_PROVIDER[value] ?? value) : value;
  }
  for (const field of SECRET_FIELDS) {
    // A script that reads a destination and writes it back sends the masks: that means "keep".
    if (values[field] === null || (masks[field] !== null && values[field] === masks[field])) values[field] = "";
  }
  return { ok: true, values: values as DestinationFormValues, providerGiven: object.provider !== undefined };
}

/** When the body names no provider: Amazon S3 without an endpoint, R2 by its host, otherwise "other". */
export function providerForEndpoint(endpoint: unknown): Provider {
  if (typeof endpoint !== "string" || endpoint.trim() === "") return "s3";
  try {
    return new URL(endpoint).hostname.toLowerCase().endsWith(".r2.cloudflarestorage.com") ? "r2" : "other";
  } catch {
    return "other"; // the schema reports the bad URL
  }
}

function setAt(target: Record<string, unknown>, path: string, value: unknown) {
  const [head, tail] = path.split(".") as [string, string | undefined];
  if (tail === undefined) target[head] = value;
  else (target[head] as Record<string, unknown>)[tail] = value;
}

function getAt(source: Record<string, unknown>, path: string): unknown {
  const [head, tail] = path.split(".") as [string, string | undefined];
  if (tail === undefined) return source[head];
  const inner = source[head];
  return inner && typeof inner === "object" ? (inner as Record<string, unknown>)[tail] : undefined;
}
