import { traceFileJsonSchema } from "@/lib/core/trace/trace-file-schema";

// The table's columns come from the same zod schema that builds the files (via its JSON Schema), so a
// new field shows up in the generated DDL without anyone editing SQL by hand.

type Node = {
  type?: string | string[];
  const?: unknown;
  anyOf?: Node[];
  $ref?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
};

// Hive DDL keywords that are also plausible column names; those need backticks.
const RESERVED = new Set([
  "timestamp", "date", "time", "user", "order", "group", "table", "partition", "function", "values",
  "range", "interval", "current", "array", "map", "int", "string", "boolean", "double", "decimal",
]);

export function quoteAthenaIdentifier(name: string): string {
  return RESERVED.has(name.toLowerCase()) ? `\`${name}\`` : name;
}

function withoutNull(node: Node): Node {
  if (node.anyOf) return withoutNull(node.anyOf.find((n) => n.type !== "null") ?? {});
  if (Array.isArray(node.type)) return { ...node, type: node.type.find((t) => t !== "null") };
  return node;
}

function athenaType(raw: Node, depth: number): string {
  const node = withoutNull(raw);
  // Any-JSON fields (input, output, metadata values): the OpenX SerDe hands them over as JSON text.
  if (node.$ref) return "string";
  if (node.const !== undefined) return Number.isInteger(node.const) ? "int" : "string";
  switch (node.type) {
    case "integer":
      return "bigint";
    case "number":
      return "double";
    case "boolean":
      return "boolean";
    case "array":
      return `array<${athenaType(node.items ?? {}, depth)}>`;
    case "object":
      if (!node.properties) return "map<string,string>";
      return structType(node.properties, depth);
    default:
      return "string";
  }
}

function structType(properties: Record<string, Node>, depth: number): string {
  const fields = Object.entries(properties).map(([name, child]) => `${name}: ${athenaType(child, depth + 1)}`);
  // Only the outermost struct is spread over lines; nested ones (usage, cost) read better inline.
  if (depth > 0) return `struct<${fields.join(", ")}>`;
  return `struct<\n${fields.map((f) => `    ${f}`).join(",\n")}\n  >`;
}

/** `name type` lines for CREATE EXTERNAL TABLE, in the file's field order. */
export function buildAthenaColumns(): string[] {
  const schema = traceFileJsonSchema() as Node;
  return Object.entries(schema.properties ?? {}).map(
    ([name, node]) => `${quoteAthenaIdentifier(name)} ${athenaType(node, 0)}`,
  );
}
