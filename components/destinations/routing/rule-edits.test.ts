import { describe, expect, it } from "vitest";
import { filterRulesSchema } from "@/lib/core/routing/routing-schema";
import { addGroup, addRule, editRule, newFilter, parseValueInput, removeRule, setLogic, withField, withOperator } from "./rule-edits";

describe("rule edits", () => {
  it("adds and removes rules and groups; the last removal leaves no filter", () => {
    let filter = addRule(newFilter(), 0);
    filter = addGroup(filter);
    expect(filter.groups.map((g) => g.rules.length)).toEqual([2, 1]);
    const fewer = removeRule(filter, 0, 1);
    expect(fewer?.groups.map((g) => g.rules.length)).toEqual([1, 1]);
    const oneGroup = removeRule(fewer!, 1, 0);
    expect(oneGroup?.groups).toHaveLength(1);
    expect(removeRule(oneGroup!, 0, 0)).toBeNull();
  });

  it("sets the logic between groups and inside one", () => {
    const filter = setLogic(setLogic(addGroup(newFilter()), null, "or"), 1, "or");
    expect([filter.logic, filter.groups[0]?.logic, filter.groups[1]?.logic]).toEqual(["or", "and", "or"]);
  });

  it("keeps an operator that fits the new field and replaces one that does not", () => {
    expect(withField({ field: "model", operator: "contains", value: "gpt" }, "provider")).toEqual({ field: "provider", operator: "contains", value: "gpt" });
    expect(withField({ field: "model", operator: "contains", value: "gpt" }, "total_cost")).toEqual({ field: "total_cost", operator: "equals" });
    expect(withField({ field: "total_cost", operator: "gt", value: 1 }, "metadata.tier")).toEqual({ field: "metadata.tier", operator: "gt", value: 1 });
  });

  it("drops the value for presence operators and parses numbers for number rules", () => {
    expect(withOperator({ field: "model", operator: "contains", value: "x" }, "exists")).toEqual({ field: "model", operator: "exists" });
    expect(parseValueInput({ field: "total_cost", operator: "gt" }, "0.5")).toEqual({ field: "total_cost", operator: "gt", value: 0.5 });
    expect(parseValueInput({ field: "total_cost", operator: "gt", value: 1 }, "")).toEqual({ field: "total_cost", operator: "gt" });
    expect(parseValueInput({ field: "metadata.env", operator: "equals" }, "5")).toEqual({ field: "metadata.env", operator: "equals", value: "5" });
  });

  it("produces what the schema accepts once the values are filled in", () => {
    const filter = editRule(newFilter(), 0, 0, (rule) => parseValueInput(rule, "gpt"));
    expect(filterRulesSchema.safeParse(filter).success).toBe(true);
    expect(filterRulesSchema.safeParse(newFilter()).success).toBe(false); // empty text to look for
  });
});
