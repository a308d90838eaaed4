"use client";
import * as React from "react";
import type { BroadcastSettingsData } from "@/lib/broadcast-switch/broadcast-settings-data";
import { BroadcastHeader } from "./broadcast-header";
import { useDeliveryHealthPolling } from "../delivery/delivery-query";
import { DestinationEditor } from "../destinations/destination-editor";
import { DestinationList } from "../destinations/destination-list";
import { useBroadcastSettings } from "./settings-query";

type View = { kind: "list"; notice: string | null; hasReturned: boolean } | { kind: "edit"; id: string | null };

/** The Broadcast settings page: the account-wide switch, then either the destination list or the editor. */
export function BroadcastSettings({ initialData }: { initialData: BroadcastSettingsData }) {
  const { data } = useBroadcastSettings(initialData);
  const [view, setView] = React.useState<View>({ kind: "list", notice: null, hasReturned: false });
  const editing = view.kind === "edit" && view.id ? data.destinations.find((d) => d.id === view.id) : undefined;
  // A destination deleted elsewhere while its editor was open: fall back to the list.
  const isEditorOpen = view.kind === "edit" && (view.id === null || editing !== undefined);
  // Only while cards show it: each poll is a server action, and Next.js runs those one at a time.
  useDeliveryHealthPolling(!isEditorOpen && data.destinations.length > 0);

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <BroadcastHeader enabled={data.broadcastEnabled} />
      {isEditorOpen ? (
        <DestinationEditor
          key={editing?.id ?? "new"}
          destination={editing ?? null}
          onClose={(saved) =>
            setView({ kind: "list", notice: saved ? `Saved ${saved.name}. The connection test passed.` : null, hasReturned: true })
          }
        />
      ) : (
        <DestinationList
          destinations={data.destinations}
          isBroadcastEnabled={data.broadcastEnabled}
          notice={view.kind === "list" ? view.notice : null}
          shouldTakeFocus={view.kind === "list" && view.hasReturned}
          onAdd={() => setView({ kind: "edit", id: null })}
          onEdit={(id) => setView({ kind: "edit", id })}
        />
      )}
    </div>
  );
}
