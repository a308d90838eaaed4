import { describe, expect, it } from "vitest";
import { checkPartitionSegments, partitionNameOf, partitionNameOpening } from "./partition-segment";

const issuesOf = (path: string) => {
  const messages: string[] = [];
  checkPartitionSegments(path, (m) => messages.push(m));
  return messages;
};

describe("partitionNameOf", () => {
  it("names well-formed name=value folders only", () => {
    expect(partitionNameOf("dt=2026-11-27")).toBe("dt");
    expect(partitionNameOf("api_key2=x")).toBe("api_key2");
    for (const segment of ["plain", "=x", "dt=", "a==b", "a=b=c", "Dt=x", "_dt=x", "2dt=x", "{date}=x"]) {
      expect(partitionNameOf(segment)).toBeNull();
    }
  });
});

describe("partitionNameOpening", () => {
  it("reads the name from a folder's leading text, the value possibly still to come", () => {
    expect(partitionNameOpening("dt=")).toBe("dt");
    expect(partitionNameOpening("dt=day-")).toBe("dt");
    expect(partitionNameOpening("env=prod")).toBe("env");
    expect(partitionNameOpening("logs")).toBeNull();
    expect(partitionNameOpening("=x")).toBeNull();
    expect(partitionNameOpening("My=x")).toBeNull();
  });
});

describe("checkPartitionSegments", () => {
  it("accepts paths without '=' and well-formed partition folders", () => {
    expect(issuesOf("logs/2026/x.y")).toEqual([]);
    expect(issuesOf("logs/dt={date}/key={apiKeyName}")).toEqual([]);
  });

  it("reports each bad folder once per folder, and a repeated name", () => {
    expect(issuesOf("=x/a==b/dt=/dt={date}/dt={day}")).toEqual([
      '"=x" has no partition name before "=", e.g. dt={date}.',
      '"a==b" has more than one "="; a partition folder is name=value, e.g. dt={date}.',
      '"dt=" has no value after "=", e.g. dt={date}.',
      'The partition name "dt" is used twice.',
    ]);
  });

  it("refuses names that would shadow a trace file field or the filename column", () => {
    expect(issuesOf("sessionid={date}")).toEqual(['"sessionid" is already a field of every trace file; pick another partition name.']);
    expect(issuesOf("filename={date}")).toHaveLength(1);
  });
});
