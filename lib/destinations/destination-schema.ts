import { z } from "zod";
import { validateBucketName } from "@/lib/core/bucket-name";
import { displayNameProblem } from "@/lib/core/display-name";
import { DEFAULT_PREFIX, validatePathTemplate } from "@/lib/core/object-keys/path-template";
import { PROVIDER_PRESETS, PROVIDERS, type Provider } from "@/lib/destinations/provider-presets";
import { CONNECTION_FIELDS, newDestinationSettings } from "@/lib/destinations/destination-fields";
import { checkFileSettings, fileSettingsShape } from "@/lib/destinations/file-settings-schema";
import { routingSettingsShape } from "@/lib/core/routing/routing-schema";
import { credentialRetypeErrors, type StoredConnection } from "@/lib/destinations/credential-retype";

export { SECRET_FIELDS } from "@/lib/destinations/destination-fields";

// Standard (us-east-1), GovCloud (us-gov-west-1), China (cn-north-1) and isolated (us-isob-east-1)
// partitions all share this shape. Each "-" is followed by a character class that excludes "-",
// so the pattern cannot backtrack.
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/;
const WHITESPACE = /\s/;

function endpointProblem(value: string): string | undefined {
  if (value === "") return undefined;
  const lower = value.toLowerCase();
  // WHATWG URL parsing would accept "http:host" as "http://host/"; insist on the explicit form.
  if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
    return "Endpoint must be a full URL starting with http:// or https://.";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Endpoint is not a valid URL.";
  }
  if (url.username !== "" || url.password !== "") {
    return "Endpoint must not contain a username or password; use the access key fields instead.";
  }
  if (value.includes("?")) return "Endpoint must not contain a query string (the part after “?”).";
  if (value.includes("#")) return "Endpoint must not contain a fragment (the part after “#”).";
  return undefined;
}

function endpointRequiredMessage(provider: Provider): string {
  const who = provider === "other" ? "S3-compatible providers" : PROVIDER_PRESETS[provider].label;
  return `Endpoint URL is required for ${who}.`;
}

const optionalText = () => z.string().trim().default("");

export const destinationFormSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z
      .string()
      .trim()
      .min(1, { error: "Name is required." })
      .max(64, { error: "Name must be at most 64 characters." })
      .superRefine((value, ctx) => {
        const problem = displayNameProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    provider: z.enum(PROVIDERS, { error: "Choose a storage provider." }),
    bucketName: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        for (const message of validateBucketName(value)) ctx.addIssue({ code: "custom", message });
      }),
    region: optionalText().refine((v) => v === "" || v === "auto" || AWS_REGION.test(v), {
      error: 'Region must look like "us-east-1", or be "auto" for Cloudflare R2.',
    }),
    endpoint: optionalText().superRefine((value, ctx) => {
      const message = endpointProblem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    accessKeyId: z
      .string()
      .trim()
      .min(1, { error: "Access Key ID is required." })
      .max(256, { error: "Access Key ID must be at most 256 characters." })
      .refine((v) => !WHITESPACE.test(v), { error: "Access Key ID must not contain spaces." }),
    secretAccessKey: optionalText(),
    sessionToken: optionalText(),
    /** On edit: drop the stored session token (a blank field keeps it). A typed token wins. */
    removeSessionToken: z.boolean().optional(),
    prefix: z.string().trim().default(DEFAULT_PREFIX),
    pathTemplate: optionalText(),
    enabled: z.boolean().default(true),
    privacyMode: z.boolean().default(false),
    ...fileSettingsShape,
    // The routing core's own rules, under the form's names (the API maps them back to snake_case).
    samplingRate: routingSettingsShape.sampling_rate,
    apiKeyIds: routingSettingsShape.api_key_ids,
    filterRules: routingSettingsShape.filter_rules,
  })
  .superRefine(
    (values, ctx) => {
      // Runs even when a field failed its own type check (see `when`), so read every value defensively.
      const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
      const provider = PROVIDERS.find((p) => p === values.provider);
      if (provider && PROVIDER_PRESETS[provider].endpointRequired && text(values.endpoint) === "") {
        ctx.addIssue({ code: "custom", path: ["endpoint"], message: endpointRequiredMessage(provider) });
      }
      if (!values.id && text(values.secretAccessKey) === "") {
        ctx.addIssue({ code: "custom", path: ["secretAccessKey"], message: "Secret Access Key is required." });
      }
      const prefix = typeof values.prefix === "string" ? values.prefix.trim() : DEFAULT_PREFIX;
      for (const issue of validatePathTemplate(text(values.pathTemplate), prefix)) {
        ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message, params: { code: issue.code } });
      }
      checkFileSettings(values, ctx);
    },
    // Without this, zod skips object-level checks once any field fails, and the form would reveal
    // errors in two rounds.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

/**
 * The schema for editing a saved destination: the same checks plus the retype rule (a moved endpoint,
 * region or provider needs the secret, and a kept token, typed again). The server applies the same
 * rule in resolveSecrets; here it puts the message next to the fields before anything is sent.
 */
export function destinationFormSchemaFor(stored: StoredConnection | null): typeof destinationFormSchema {
  if (!stored) return destinationFormSchema;
  return destinationFormSchema.superRefine(
    (values, ctx) => {
      for (const [field, messages] of Object.entries(credentialRetypeErrors(stored, values) ?? {})) {
        for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
}

export type DestinationFormValues = z.input<typeof destinationFormSchema>;
export type DestinationInput = z.output<typeof destinationFormSchema>;

export function emptyDestinationForm(): DestinationFormValues {
  return newDestinationSettings();
}

/** Equal strings mean a connection test of one set of values also holds for the other. */
export function connectionFingerprint(
  values: Partial<Pick<DestinationFormValues, (typeof CONNECTION_FIELDS)[number] | "removeSessionToken">>,
): string {
  // Trimmed because the schema trims: " bucket" and "bucket" test the same connection. Removing the
  // stored token changes what is sent, so a test with the token is no pass without it.
  return JSON.stringify([...CONNECTION_FIELDS.map((field) => (values[field] ?? "").trim()), values.removeSessionToken === true]);
}
