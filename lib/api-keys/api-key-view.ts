import type { ApiKeyScope } from "./api-key-scope";

/**
 * What the browser may know about an API key: never the key or its hash. Timestamps are ISO strings.
 * Shared by the server data layer and the client components (types only).
 */
export type ApiKeyView = {
  id: string;
  name: string;
  /** The key's first characters, e.g. "brd_AbCdEfGh"; the UI appends "…". */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  scope: ApiKeyScope;
};

/** What "Create" returns: the plaintext key, shown to the person once and stored nowhere. */
export type CreatedApiKey = { key: string; apiKey: ApiKeyView };
