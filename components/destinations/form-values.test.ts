import { describe, expect, it } from "vitest";
import { defaultRoutingFields } from "@/lib/destinations/destination-fields";
import { emptyDestinationForm } from "@/lib/destinations/destination-schema";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { fieldMessages, splitFieldErrors, toFieldError, toFormValues } from "./form-values";
import { DEFAULT_FILE_SETTINGS } from "@/lib/destinations/file-settings-schema";

const view: DestinationView = {
  id: "7d0d1b7e-8b1c-4a55-9a59-0c4a3f0a0b11",
  name: "Archive",
  enabled: false,
  privacyMode: true,
  ...DEFAULT_FILE_SETTINGS,
  ...defaultRoutingFields(),
  provider: "r2",
  bucketName: "traces",
  region: "auto",
  endpoint: "https://abc.r2.cloudflarestorage.com",
  accessKeyId: "AKIAEXAMPLE",
  secretAccessKeyMask: "••••WXYZ",
  sessionTokenMask: "••••TOKN",
  prefix: "logs",
  pathTemplate: "{prefix}/{date}",
  lastTestedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("toFormValues", () => {
  it("starts a new destination from the empty form", () => {
    expect(toFormValues(null)).toEqual(emptyDestinationForm());
  });

  it("copies a destination and leaves both secrets blank", () => {
    const values = toFormValues(view);
    expect(values).toMatchObject({ id: view.id, name: "Archive", provider: "r2", enabled: false, privacyMode: true });
    expect(values.secretAccessKey).toBe("");
    expect(values.sessionToken).toBe("");
  });

  it("never carries a mask into the form", () => {
    expect(JSON.stringify(toFormValues(view))).not.toContain("••••");
  });
});

describe("splitFieldErrors", () => {
  it("keeps form fields and collects the rest", () => {
    const result = splitFieldErrors({ bucketName: ["Too short."], _form: ["Broken."], id: ["Bad id."], region: [] });
    expect(result.byField).toEqual([["bucketName", ["Too short."]]]);
    expect(result.other).toEqual(["Broken.", "Bad id."]);
  });
});

describe("fieldMessages", () => {
  it("is empty without an error", () => {
    expect(fieldMessages(undefined)).toEqual([]);
  });

  it("falls back to the single message", () => {
    expect(fieldMessages({ message: "Required." })).toEqual(["Required."]);
  });

  it("lists every message of repeated codes once", () => {
    const error = { message: "A", types: { custom: ["A", "B"], too_small: "C", other: true, again: "A" } };
    expect(fieldMessages(error)).toEqual(["A", "B", "C"]);
  });

  it("reads back what toFieldError wrote", () => {
    expect(fieldMessages(toFieldError(["One.", "Two."]))).toEqual(["One.", "Two."]);
  });
});
