import { describe, expect, it, vi } from "vitest";
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from "./routing-schema";
import { routesEverything, selectDestinations } from "./select-destinations";
import type { RoutableTrace } from "./routable-trace";

const trace: RoutableTrace = { trace_id: "t-1", model: "gpt-4o", metadata: { env: "prod" } };
const dest = (name: string, routing: Partial<RoutingSettings> = {}) => ({ name, routing: { ...DEFAULT_ROUTING_SETTINGS, ...routing } });
const gpt: RoutingSettings["filter_rules"] = { logic: "and", groups: [{ logic: "and", rules: [{ field: "model", operator: "contains", value: "gpt" }] }] };
const claude: RoutingSettings["filter_rules"] = { logic: "and", groups: [{ logic: "and", rules: [{ field: "model", operator: "contains", value: "claude" }] }] };

describe("selectDestinations", () => {
  it("keeps the destinations whose routing selects the trace, in order", () => {
    const picked = selectDestinations(
      [dest("all"), dest("gpt", { filter_rules: gpt }), dest("claude", { filter_rules: claude }), dest("key-b", { api_key_ids: ["b"] })],
      trace,
      "a",
    );
    expect(picked.map((d) => d.name)).toEqual(["all", "gpt"]);
  });

  it("sends nothing to a destination whose key list is empty", () => {
    expect(selectDestinations([dest("none", { api_key_ids: [] })], trace, "a")).toEqual([]);
  });

  it("does not build the routable trace when every destination takes everything", () => {
    const build = vi.fn(() => trace);
    expect(selectDestinations([dest("a"), dest("b")], build, "k")).toHaveLength(2);
    expect(build).not.toHaveBeenCalled();
    selectDestinations([dest("a"), dest("gpt", { filter_rules: gpt })], build, "k");
    expect(build).toHaveBeenCalledTimes(1);
  });
});

describe("routesEverything", () => {
  it("is true only for the defaults", () => {
    expect(routesEverything(DEFAULT_ROUTING_SETTINGS)).toBe(true);
    expect(routesEverything({ ...DEFAULT_ROUTING_SETTINGS, sampling_rate: 0.5 })).toBe(false);
    expect(routesEverything({ ...DEFAULT_ROUTING_SETTINGS, api_key_ids: ["a"] })).toBe(false);
    expect(routesEverything({ ...DEFAULT_ROUTING_SETTINGS, filter_rules: gpt })).toBe(false);
  });
});
