import { DEFAULT_PATH_TEMPLATE, DEFAULT_PREFIX } from "@/lib/core/object-keys/path-template";
import { PROVIDER_PRESETS, type Provider } from "@/lib/destinations/provider-presets";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";
import { DEFAULT_ROUTING_SETTINGS, type FilterRules, type RoutingSettings } from "@/lib/core/routing/routing-schema";

// The one declaration of a destination's settings. The store, the read model, the form, the audit log
// and the connection test all derive their field lists from here, so a new setting is added once.

/** Every setting with the value a new destination's form starts with. */
const NEW_DESTINATION = {
  name: "My bucket",
  provider: "s3" as Provider,
  bucketName: "",
  region: PROVIDER_PRESETS.s3.region,
  endpoint: "",
  accessKeyId: "",
  secretAccessKey: "",
  sessionToken: "",
  prefix: DEFAULT_PREFIX,
  pathTemplate: DEFAULT_PATH_TEMPLATE,
  enabled: true,
  privacyMode: false,
  ...DEFAULT_FILE_SETTINGS,
  // Routing (lib/core/routing): the API names them sampling_rate, api_key_ids, filter_rules.
  samplingRate: DEFAULT_ROUTING_SETTINGS.sampling_rate,
  apiKeyIds: DEFAULT_ROUTING_SETTINGS.api_key_ids as string[] | null,
  filterRules: DEFAULT_ROUTING_SETTINGS.filter_rules as FilterRules | null,
};

export type DestinationSettings = typeof NEW_DESTINATION;
export type DestinationField = keyof DestinationSettings;

export const DESTINATION_FIELDS = Object.keys(NEW_DESTINATION) as DestinationField[];

/**
 * Never sent back to the browser: stored encrypted (`<field>Enc`) with a mask beside it
 * (`<field>Mask`), and an empty value on edit means "keep the stored one".
 */
export const SECRET_FIELDS = ["secretAccessKey", "sessionToken"] as const satisfies readonly DestinationField[];
export type SecretField = (typeof SECRET_FIELDS)[number];
export type PublicField = Exclude<DestinationField, SecretField>;

/** Form inputs that are instructions about a stored secret, not settings: never stored or shown. */
export const SECRET_INSTRUCTIONS = ["removeSessionToken"] as const;

export function isSecretField(field: string): field is SecretField {
  return (SECRET_FIELDS as readonly string[]).includes(field);
}

/** Stored in plain columns of the same name and shown to the browser as they are. */
export const PUBLIC_FIELDS = DESTINATION_FIELDS.filter((field): field is PublicField => !isSecretField(field));

/**
 * Exactly what a connection test depends on. Provider only picks presets; the values it fills in
 * (region, endpoint) are listed themselves.
 */
export const CONNECTION_FIELDS = [
  "bucketName",
  "region",
  "endpoint",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "prefix",
  "pathTemplate",
  // The marker is written with the same encryption and storage class as every trace file.
  "serverSideEncryption",
  "kmsKeyId",
  "storageClass",
] as const satisfies readonly DestinationField[];
export type ConnectionSetting = Exclude<(typeof CONNECTION_FIELDS)[number], SecretField>;
export const CONNECTION_SETTINGS = CONNECTION_FIELDS.filter((field): field is ConnectionSetting => !isSecretField(field));

/** The routing settings, stored in JSON columns (the rest are plain columns). */
export const ROUTING_FIELDS = ["samplingRate", "apiKeyIds", "filterRules"] as const satisfies readonly DestinationField[];
export type RoutingField = (typeof ROUTING_FIELDS)[number];

export function newDestinationSettings(): DestinationSettings {
  return { ...NEW_DESTINATION };
}

/** The named fields of `source`, nothing else (so a secret never rides along by accident). */
export function pickFields<T, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const field of fields) picked[field] = source[field];
  return picked;
}

/** The routing a destination starts with: every trace from every key, no filter. */
export function defaultRoutingFields(): Pick<DestinationSettings, RoutingField> {
  return pickFields(NEW_DESTINATION, ROUTING_FIELDS);
}

/** The form's names → the routing core's (and the API's). */
export function toRoutingSettings(settings: Pick<DestinationSettings, RoutingField>): RoutingSettings {
  return { sampling_rate: settings.samplingRate, api_key_ids: settings.apiKeyIds, filter_rules: settings.filterRules };
}
