"use client";
import { useQuery } from "@tanstack/react-query";
import { loadApiKeys } from "@/lib/api-keys/api-key-actions";
import { apiKeysQueryKey } from "@/components/api-keys/api-keys-query";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";

/** The keys the picker offers and the card names (the read model only: never a key). */
export function useApiKeyList(): { keys: ApiKeyView[]; namesById: Record<string, string>; isLoading: boolean } {
  const query = useQuery({ queryKey: apiKeysQueryKey, queryFn: () => loadApiKeys() });
  const keys = query.data ?? [];
  return { keys, namesById: Object.fromEntries(keys.map((key) => [key.id, key.name])), isLoading: query.isLoading };
}
