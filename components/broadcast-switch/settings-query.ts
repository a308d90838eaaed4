"use client";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { BroadcastSettingsData } from "@/lib/broadcast-switch/broadcast-settings-data";
import { loadBroadcastSettings, setBroadcastEnabled } from "@/lib/broadcast-switch/broadcast-switch-actions";
import { deleteDestination, setDestinationFlags } from "@/lib/destinations/destination-actions";
import type { ActionResult } from "@/lib/core/action-result";

// The only server data cached in the browser: the read model, which holds masks but never a secret.
// Connection tests and saves carry secrets, so they are not react-query mutations (whose variables
// the MutationCache keeps); see destination-editor.tsx.

export const settingsQueryKey = ["broadcast-settings"] as const;

export function useBroadcastSettings(initialData: BroadcastSettingsData) {
  return useQuery({ queryKey: settingsQueryKey, queryFn: () => loadBroadcastSettings(), initialData });
}

/** Server actions report failure as a value; react-query wants a thrown error to roll back. */
function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw new Error(result.formError ?? "The change could not be saved.");
}

/** Applies `change` to the cached settings now and returns how to undo it. */
async function applyOptimistic(client: QueryClient, change: (data: BroadcastSettingsData) => BroadcastSettingsData) {
  await client.cancelQueries({ queryKey: settingsQueryKey });
  const previous = client.getQueryData<BroadcastSettingsData>(settingsQueryKey);
  if (previous) client.setQueryData(settingsQueryKey, change(previous));
  return { previous };
}

function useOptimisticMutation<V>(
  mutationFn: (variables: V) => Promise<unknown>,
  change: (data: BroadcastSettingsData, variables: V) => BroadcastSettingsData,
) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: settingsQueryKey,
    mutationFn,
    onMutate: (variables: V) => applyOptimistic(client, (data) => change(data, variables)),
    onError: (_error, _variables, context) => {
      if (context?.previous) client.setQueryData(settingsQueryKey, context.previous);
    },
    // Refetch once the last of several quick changes settles: an earlier refetch would briefly
    // undo the optimistic state of the ones still in flight.
    onSettled: () =>
      client.isMutating({ mutationKey: settingsQueryKey }) === 1
        ? client.invalidateQueries({ queryKey: settingsQueryKey })
        : undefined,
  });
}

export function useSetBroadcastEnabled() {
  return useOptimisticMutation(
    async (enabled: boolean) => unwrap(await setBroadcastEnabled(enabled)),
    (data, enabled) => ({ ...data, broadcastEnabled: enabled }),
  );
}

export type DestinationFlags = { enabled?: boolean; privacyMode?: boolean };

export function useSetDestinationFlags() {
  return useOptimisticMutation(
    async ({ id, flags }: { id: string; flags: DestinationFlags }) => unwrap(await setDestinationFlags(id, flags)),
    (data, { id, flags }) => ({
      ...data,
      destinations: data.destinations.map((d) => (d.id === id ? { ...d, ...flags } : d)),
    }),
  );
}

export function useDeleteDestination() {
  return useOptimisticMutation(
    async (id: string) => unwrap(await deleteDestination(id)),
    (data, id) => ({ ...data, destinations: data.destinations.filter((d) => d.id !== id) }),
  );
}
