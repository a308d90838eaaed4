// An error as plain data, for crossing a thread boundary (structured clone keeps only an Error's
// message and stack). Keeps exactly what classifyS3Error and decideFailure read — names, codes,
// HTTP status, the region header, the guard's reason — through `cause` chains and AggregateErrors.

export type PlainError = { [field: string]: unknown; cause?: PlainError; errors?: PlainError[] };

const SCALAR_FIELDS = ["name", "Code", "code", "message", "$fault", "reason", "allowlistable", "BucketRegion", "Region", "Endpoint"] as const;
const MAX_NODES = 32;

export function toPlainError(error: unknown): PlainError {
  let budget = MAX_NODES;
  const seen = new Set<unknown>();
  const copy = (value: unknown): PlainError | undefined => {
    if (typeof value !== "object" || value === null || seen.has(value) || budget-- <= 0) return undefined;
    seen.add(value);
    const node = value as Record<string, unknown>;
    const out: PlainError = {};
    for (const field of SCALAR_FIELDS) {
      const v = node[field];
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[field] = v;
    }
    const metadata = node.$metadata as { httpStatusCode?: unknown } | undefined;
    if (typeof metadata?.httpStatusCode === "number") out.$metadata = { httpStatusCode: metadata.httpStatusCode };
    const response = node.$response as { statusCode?: unknown; headers?: unknown } | undefined;
    if (response && typeof response === "object") {
      const headers = typeof response.headers === "object" && response.headers !== null ? { ...(response.headers as Record<string, unknown>) } : undefined;
      out.$response = { ...(typeof response.statusCode === "number" && { statusCode: response.statusCode }), ...(headers && { headers }) };
    }
    const cause = copy(node.cause);
    if (cause) out.cause = cause;
    if (Array.isArray(node.errors)) out.errors = node.errors.map(copy).filter((e): e is PlainError => e !== undefined);
    return out;
  };
  return copy(error) ?? { name: "Error", message: String(error) };
}
