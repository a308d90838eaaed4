import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { destinationFormSchema, emptyDestinationForm, type DestinationFormValues } from "@/lib/destinations/destination-schema";
import { fieldMessages } from "./form-values";

// The form validates with the shared schema through zodResolver in criteriaMode "all"; these check
// that every problem of a field reaches fieldMessages, not just the first.
const resolver = zodResolver(destinationFormSchema);

async function messagesFor(values: Partial<DestinationFormValues>, field: keyof DestinationFormValues) {
  const result = await resolver({ ...emptyDestinationForm(), ...values }, undefined, {
    criteriaMode: "all",
    fields: {},
    names: [field],
    shouldUseNativeValidation: false,
  });
  return fieldMessages(result.errors[field] as FieldError | undefined);
}

describe("form validation messages", () => {
  it("lists every template problem under Path Template", async () => {
    const messages = await messagesFor({ pathTemplate: "{foo}//x" }, "pathTemplate");
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining("Unknown variable {foo}"), expect.stringContaining("Empty path segment")]),
    );
  });

  it("lists several bucket-name rules at once", async () => {
    const messages = await messagesFor({ bucketName: "-My_Bucket" }, "bucketName");
    expect(messages.length).toBeGreaterThan(1);
  });

  it("puts an empty prefix used by the template under Prefix", async () => {
    const messages = await messagesFor({ prefix: "", pathTemplate: "{prefix}/{date}" }, "prefix");
    expect(messages).toEqual([expect.stringContaining("prefix is empty")]);
  });

  it("has nothing to say about a valid form", async () => {
    const values = { bucketName: "traces", accessKeyId: "AKIA", secretAccessKey: "s" };
    expect(await messagesFor(values, "bucketName")).toEqual([]);
    expect(await messagesFor(values, "pathTemplate")).toEqual([]);
  });
});
