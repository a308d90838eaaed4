import { decodeOtlpJson } from "@/lib/core/otlp/decode-otlp-json";
import { decodeOtlpProtobuf } from "@/lib/core/otlp/decode-otlp-protobuf";
import { BadRequestBody, type DecodedRequest } from "@/lib/core/otlp/otlp-span";
import { prepareOtlpTraces, type OtlpTrace } from "@/lib/core/otlp/otlp-traces";
import { readLimitedBytes } from "@/lib/platform/http/read-limited-body";
import type { IngestDeps } from "../handle-ingest";
import { authenticateRequest, lockedMessage } from "../authenticate-request";
import { inflateGzip } from "./inflate-body";
import { exportResponse, formatOf, RPC_CODE, statusResponse, type OtlpFormat } from "./otlp-responses";

// POST /v1/traces (OTLP/HTTP), a plain Request → Response like handle-ingest.ts, sharing its
// dependencies: the same API keys, per-key rate limiter, backlog bound and group-committed queue.
// Cheap refusals first; the body is read and inflated with a hard limit, decoded, mapped, and
// stored before the 200.

export const DEFAULT_OTLP_MAX_BYTES = 4 * 1024 * 1024;
const MAX_REASONS_IN_MESSAGE = 3;

export type OtlpDeps = Omit<IngestDeps, "enqueue" | "maxBodyBytes"> & {
  enqueue(traces: OtlpTrace[], ctx: { apiKeyName: string; apiKeyId: string; now: Date }): Promise<unknown>;
  maxBodyBytes?: number;
};

export async function handleOtlpTraces(request: Request, deps: OtlpDeps): Promise<Response> {
  const limit = deps.maxBodyBytes ?? DEFAULT_OTLP_MAX_BYTES;
  const format = formatOf(request.headers.get("content-type"));
  if (!format) {
    return statusResponse("json", 415, RPC_CODE.INVALID_ARGUMENT, "Send OTLP as Content-Type: application/x-protobuf or application/json.");
  }
  const fail = (status: number, code: number, message: string, headers?: Record<string, string>) =>
    statusResponse(format, status, code, message, headers);

  const check = await authenticateRequest(request.headers, deps);
  if (!check.ok) {
    if (check.reason === "locked") {
      return fail(429, RPC_CODE.RESOURCE_EXHAUSTED, lockedMessage(check.retryAfterSeconds), { "Retry-After": String(check.retryAfterSeconds) });
    }
    const message = check.reason === "invalid" ? "The API key is unknown or has been revoked." : "Send your API key as Authorization: Bearer brd_… (OTEL_EXPORTER_OTLP_HEADERS).";
    return fail(401, RPC_CODE.UNAUTHENTICATED, message, { "WWW-Authenticate": "Bearer" });
  }
  const { key } = check;
  if (key.scope !== "ingest") {
    return fail(403, RPC_CODE.PERMISSION_DENIED, "This API key has the admin scope: it manages destinations and cannot send traces. Use an ingest key.");
  }
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "gzip" && encoding !== "identity" && encoding !== "") {
    return fail(415, RPC_CODE.INVALID_ARGUMENT, `Content-Encoding ${encoding} is not supported; send gzip or no encoding.`);
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge(format, limit);

  const rate = deps.rateLimiter.take(key.id);
  if (!rate.allowed) {
    return fail(429, RPC_CODE.RESOURCE_EXHAUSTED, `Too many requests for this API key. Retry after ${rate.retryAfterSeconds} s.`, {
      "Retry-After": String(rate.retryAfterSeconds),
    });
  }
  if (await deps.isBacklogFull()) {
    return fail(503, RPC_CODE.UNAVAILABLE, "Broadcast's delivery backlog is full; nothing was stored. Retry shortly.", { "Retry-After": "5" });
  }

  const body = await readLimitedBytes(request.body, limit);
  if (!body.ok) return tooLarge(format, limit);
  let bytes = body.bytes;
  if (encoding === "gzip") {
    const inflated = inflateGzip(bytes, limit);
    if (!inflated.ok) {
      return inflated.reason === "too-large" ? tooLarge(format, limit) : fail(400, RPC_CODE.INVALID_ARGUMENT, "The body is not valid gzip.");
    }
    bytes = inflated.bytes;
  }

  let decoded: DecodedRequest;
  try {
    decoded = decode(format, bytes);
  } catch (error) {
    if (error instanceof BadRequestBody) return fail(400, RPC_CODE.INVALID_ARGUMENT, error.message);
    throw error;
  }
  const now = deps.now();
  const prepared = prepareOtlpTraces(decoded, { apiKeyName: key.name, now });
  if (prepared.traces.length > 0) await deps.enqueue(prepared.traces, { apiKeyName: key.name, apiKeyId: key.id, now });
  return exportResponse(format, prepared.rejected.length, rejectionMessage(prepared.rejected.map((r) => r.reason)));
}

function decode(format: OtlpFormat, bytes: Buffer): DecodedRequest {
  if (format === "protobuf") return decodeOtlpProtobuf(bytes);
  let json: unknown;
  try {
    json = bytes.byteLength === 0 ? {} : JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new BadRequestBody(`The body is not valid JSON: ${(error as Error).message}`);
  }
  return decodeOtlpJson(json);
}

function rejectionMessage(reasons: string[]): string {
  if (reasons.length === 0) return "";
  const shown = [...new Set(reasons)].slice(0, MAX_REASONS_IN_MESSAGE).join("; ");
  return `${reasons.length} span${reasons.length === 1 ? " was" : "s were"} rejected (${shown}); the other spans were stored.`;
}

function tooLarge(format: OtlpFormat, limit: number): Response {
  return statusResponse(format, 413, RPC_CODE.INVALID_ARGUMENT, `The body is larger than ${limit} bytes after decompression. Export smaller batches (OTEL_BSP_MAX_EXPORT_BATCH_SIZE).`);
}
