export const PROVIDERS = ["s3", "r2", "minio", "other"] as const;
export type Provider = (typeof PROVIDERS)[number];

export type ProviderPreset = {
  label: string;
  /** Region the form pre-fills when this provider is picked. */
  region: string;
  regionHint: string;
  endpointPlaceholder: string;
  endpointHint: string;
  /** Only AWS can derive the endpoint from the region; everyone else needs an explicit URL. */
  endpointRequired: boolean;
  accessKeyHint: string;
};

export const PROVIDER_PRESETS: Record<Provider, ProviderPreset> = {
  s3: {
    label: "Amazon S3",
    region: "us-east-1",
    regionHint: "The AWS region the bucket lives in, for example us-east-1 or eu-central-1.",
    endpointPlaceholder: "",
    endpointHint: "Leave empty to use the standard AWS endpoint for the region.",
    endpointRequired: false,
    accessKeyHint: "An IAM access key allowed to call s3:PutObject on this bucket.",
  },
  r2: {
    label: "Cloudflare R2",
    // R2 ignores the region but SigV4 needs one; "auto" is what Cloudflare documents.
    region: "auto",
    regionHint: 'R2 does not use regions; keep "auto".',
    endpointPlaceholder: "https://<account-id>.r2.cloudflarestorage.com",
    endpointHint: "Your account's S3 API URL, shown on the R2 overview page in the Cloudflare dashboard.",
    endpointRequired: true,
    accessKeyHint: "An R2 API token's Access Key ID with Object Read & Write permission.",
  },
  minio: {
    label: "MinIO",
    // MinIO's default region; it only matters if the server was configured with another one.
    region: "us-east-1",
    regionHint: "MinIO's default is us-east-1; change it only if your server sets MINIO_REGION.",
    endpointPlaceholder: "http://127.0.0.1:9000",
    endpointHint: "The URL of the MinIO S3 API (not the console), including the port.",
    endpointRequired: true,
    accessKeyHint: "A MinIO access key whose policy allows s3:PutObject on this bucket.",
  },
  other: {
    label: "Other",
    region: "us-east-1",
    regionHint: "Whatever region your provider asks for; us-east-1 works for most S3-compatible services.",
    endpointPlaceholder: "https://s3.example.com",
    endpointHint: "The S3-compatible API URL of your storage provider.",
    endpointRequired: true,
    accessKeyHint: "An access key allowed to write objects to this bucket.",
  },
};
