// Writes the JSON Schemas published in docs/schemas/ from the zod schemas that validate and build
// the data. `npm run schemas` regenerates them; lib/ingest/published-schemas.test.ts fails when the
// committed files drift from the code.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { publishedSchemas } from "../lib/ingest/published-schemas";

const root = path.resolve(import.meta.dirname, "..");
for (const [file, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(path.join(root, "docs", "schemas", file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/schemas/${file}`);
}
