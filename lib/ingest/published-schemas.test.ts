import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publishedSchemas } from "./published-schemas";

describe("docs/schemas", () => {
  for (const [file, schema] of Object.entries(publishedSchemas())) {
    it(`${file} matches the code (run \`npm run schemas\` after changing a schema)`, () => {
      const committed = JSON.parse(readFileSync(path.join(process.cwd(), "docs", "schemas", file), "utf8"));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    });
  }
});
