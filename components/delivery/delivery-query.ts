"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  loadDeliveryHealth,
  replayAllDeadLetters,
  replayDeadLetter,
  resumeDelivery,
  sendTestTrace,
} from "@/lib/delivery/delivery-actions";
import type { ActionResult } from "@/lib/core/action-result";

// Delivery health is polled by one observer (the page container, while the list shows cards);
// the cards only read the cache. Several observers with an interval would each fetch on their own
// timer. react-query stops interval refetches while the tab is hidden.

export const deliveryHealthQueryKey = ["delivery-health"] as const;
export const DELIVERY_POLL_MS = 2_000;

const load = () => loadDeliveryHealth();

export function useDeliveryHealthPolling(isActive: boolean) {
  useQuery({
    queryKey: deliveryHealthQueryKey,
    queryFn: load,
    enabled: isActive,
    refetchInterval: isActive ? DELIVERY_POLL_MS : false,
    refetchIntervalInBackground: false,
  });
}

export function useDestinationHealth(destinationId: string) {
  const query = useQuery({ queryKey: deliveryHealthQueryKey, queryFn: load, staleTime: DELIVERY_POLL_MS });
  return {
    health: query.data?.destinations.find((h) => h.destinationId === destinationId),
    deadLetters: query.data?.deadLetters[destinationId] ?? [],
    activity: query.data?.activity[destinationId] ?? null,
    isLoading: query.isPending,
    error: query.error,
  };
}

function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw new Error(result.formError ?? "The request failed.");
}

function useDeliveryMutation<V, T>(mutationFn: (variables: V) => Promise<ActionResult<T>>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (variables: V) => unwrap(await mutationFn(variables)),
    onSettled: () => client.invalidateQueries({ queryKey: deliveryHealthQueryKey }),
  });
}

export const useResumeDelivery = () => useDeliveryMutation((destinationId: string) => resumeDelivery(destinationId));
export const useReplayDeadLetter = () => useDeliveryMutation((deliveryId: string) => replayDeadLetter(deliveryId));
export const useReplayAllDeadLetters = () => useDeliveryMutation((destinationId: string) => replayAllDeadLetters(destinationId));
export const useSendTestTrace = () => useDeliveryMutation((destinationId: string) => sendTestTrace(destinationId));
