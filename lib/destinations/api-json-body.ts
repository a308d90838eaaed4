import { problem } from "@/lib/ingest/handle-ingest";
import { readLimitedBody } from "@/lib/platform/http/read-limited-body";

/** A destination with 20 groups of 20 rules of 1,000 characters fits; anything larger is not one. */
export const MAX_DESTINATION_BODY_BYTES = 512 * 1024;

export async function readJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim())) {
    return { ok: false, response: problem(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.") };
  }
  const body = await readLimitedBody(request.body, MAX_DESTINATION_BODY_BYTES);
  if (!body.ok) {
    const response =
      body.reason === "too-large"
        ? problem(413, "body_too_large", `The body is larger than ${MAX_DESTINATION_BODY_BYTES} bytes.`)
        : problem(400, "invalid_json", "The body is not valid UTF-8.");
    return { ok: false, response };
  }
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch (error) {
    return { ok: false, response: problem(400, "invalid_json", `The body is not valid JSON: ${(error as Error).message}`) };
  }
}
