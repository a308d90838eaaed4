import { Prisma } from "@/lib/platform/db/generated/prisma/client";
import type { FilterRules } from "@/lib/core/routing/routing-schema";
import type { DestinationSettings, RoutingField } from "./destination-fields";

// The routing settings live in JSON columns: Prisma needs DbNull to store SQL NULL there, and reads
// them back as untyped JSON. Every write went through routingSettingsShape, so the casts hold.

type RoutingColumns = Pick<DestinationSettings, RoutingField>;

export function routingColumns(input: RoutingColumns) {
  return {
    samplingRate: input.samplingRate,
    apiKeyIds: input.apiKeyIds === null ? Prisma.DbNull : input.apiKeyIds,
    filterRules: input.filterRules === null ? Prisma.DbNull : (input.filterRules as Prisma.InputJsonObject),
  };
}

export function readRoutingColumns(row: { samplingRate: number; apiKeyIds: unknown; filterRules: unknown }): RoutingColumns {
  return {
    samplingRate: row.samplingRate,
    apiKeyIds: (row.apiKeyIds ?? null) as string[] | null,
    filterRules: (row.filterRules ?? null) as FilterRules | null,
  };
}
