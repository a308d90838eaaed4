import { describe, expect, it } from "vitest";
import { destinationFormSchema, emptyDestinationForm } from "@/lib/destinations/destination-schema";
import { SECRET_INSTRUCTIONS,
  CONNECTION_FIELDS,
  CONNECTION_SETTINGS,
  DESTINATION_FIELDS,
  PUBLIC_FIELDS,
  SECRET_FIELDS,
  pickFields,
} from "./destination-fields";

describe("the destination field declaration", () => {
  it("lists exactly the form schema's fields", () => {
    const instructions: readonly string[] = SECRET_INSTRUCTIONS;
    const schemaFields = Object.keys(destinationFormSchema.shape).filter((field) => field !== "id" && !instructions.includes(field));
    expect([...DESTINATION_FIELDS].sort()).toEqual(schemaFields.sort());
  });

  it("splits every field into public or secret, never both", () => {
    expect([...PUBLIC_FIELDS, ...SECRET_FIELDS].sort()).toEqual([...DESTINATION_FIELDS].sort());
    for (const field of SECRET_FIELDS) expect(PUBLIC_FIELDS).not.toContain(field);
    expect(CONNECTION_SETTINGS).toEqual(CONNECTION_FIELDS.filter((f) => f !== "secretAccessKey" && f !== "sessionToken"));
  });

  it("starts a new form with every field and valid defaults apart from the ones the user must type", () => {
    const empty = emptyDestinationForm();
    expect(Object.keys(empty).sort()).toEqual([...DESTINATION_FIELDS].sort());
    // A fresh copy each time, so one form's edits never leak into the next.
    empty.name = "changed";
    expect(emptyDestinationForm().name).toBe("My bucket");
  });
});

describe("pickFields", () => {
  it("copies only the named fields", () => {
    const source = { name: "n", secretAccessKey: "s3cret", prefix: "p" };
    expect(pickFields(source, ["name", "prefix"])).toEqual({ name: "n", prefix: "p" });
  });
});
