"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { loadApiKeys, revokeApiKey } from "@/lib/api-keys/api-key-actions";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";

// Only the read model is cached: it never holds a key. Creating a key is not a react-query mutation,
// because the MutationCache would keep the returned plaintext key around; see create-api-key-form.tsx.

export const apiKeysQueryKey = ["api-keys"] as const;

export function useApiKeys(initialData: ApiKeyView[]) {
  return useQuery({ queryKey: apiKeysQueryKey, queryFn: () => loadApiKeys(), initialData });
}

export function useInvalidateApiKeys() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: apiKeysQueryKey });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const result = await revokeApiKey(id);
      if (!result.ok) throw new Error(result.formError ?? "The key could not be revoked.");
      return result.data;
    },
    onSuccess: (revoked) => {
      client.setQueryData<ApiKeyView[]>(apiKeysQueryKey, (keys) => keys?.map((key) => (key.id === revoked.id ? revoked : key)));
    },
    onSettled: () => client.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}

/** Names of the account's active keys, oldest first: what `{apiKeyName}` can really be (the path preview's picker). */
export function useActiveApiKeyNames(): string[] {
  const query = useQuery({ queryKey: apiKeysQueryKey, queryFn: () => loadApiKeys() });
  return (query.data ?? [])
    .filter((key) => key.revokedAt === null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((key) => key.name);
}
