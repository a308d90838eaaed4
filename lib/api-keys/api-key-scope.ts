import { z } from "zod";

// Kept apart from the store so the browser form and the framework-free handlers can import it.

/** ingest: sends traces (today's keys). admin: manages destinations through /api/v1; sends nothing. */
export const API_KEY_SCOPES = ["ingest", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES, { error: 'Scope must be "ingest" or "admin".' }).default("ingest");

/** A stored scope this version does not know is treated as the narrowest: it can do nothing. */
export function parseStoredScope(value: string): ApiKeyScope | null {
  return (API_KEY_SCOPES as readonly string[]).includes(value) ? (value as ApiKeyScope) : null;
}

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  ingest: "Ingest: sends traces",
  admin: "Admin: manages destinations through the API, cannot send traces",
};
