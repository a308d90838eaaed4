import { routingSettingsSchema, type RoutingSettings } from "@/lib/core/routing/routing-schema";

/** The routing columns as enqueue's raw query returns them (JSON may arrive parsed or as text). */
export type RoutingColumnsRow = { sampling_rate: number; api_key_ids: unknown; filter_rules: unknown };

const NOTHING_ROUTED: RoutingSettings = { sampling_rate: 1, api_key_ids: [], filter_rules: null };

function json(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/**
 * Parsed once per batch per destination. Every write was validated, so a row that fails here was
 * edited by hand: it gets nothing (fail closed) rather than traces its owner may not have wanted.
 */
export function routingOfRow(row: RoutingColumnsRow & { id: string }): RoutingSettings {
  try {
    const parsed = routingSettingsSchema.safeParse({
      sampling_rate: Number(row.sampling_rate),
      api_key_ids: json(row.api_key_ids) ?? null,
      filter_rules: json(row.filter_rules) ?? null,
    });
    if (parsed.success) return parsed.data;
  } catch {
    // unparseable JSON text: same as invalid
  }
  console.error(`[delivery] destination ${row.id} has invalid routing settings; it receives no traces until they are saved again`);
  return NOTHING_ROUTED;
}
