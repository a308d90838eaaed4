import { Transform, pipeline, type Readable } from "node:stream";
import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0];
type HttpHandlerOptions = NonNullable<Parameters<NodeHttpHandler["handle"]>[1]>;
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"];

// The SDK reads every answer body to its end before it looks at it (an error's XML, PutObject's empty
// body), and its socket timeouts only fire on silence. An endpoint that streams a body forever, or
// drips it, would hold memory and the caller without limit. This handler bounds both: at most
// `maxResponseBytes` are read from any answer, and the whole exchange (connect, send, headers, body)
// ends after `deadlineMs`, whatever the caller's own abortSignal says.

/** No S3 answer to the requests Broadcast makes comes near this; an error document is < 2 KiB. */
export const S3_RESPONSE_BYTE_LIMIT = 64 * 1024;

export class ResponseTooLargeError extends Error {
  readonly code = "ResponseTooLarge";
  constructor(limit: number) {
    super(`The endpoint's answer exceeded ${limit} bytes; reading stopped.`);
    this.name = "ResponseTooLargeError";
  }
}

export class ExchangeTimeoutError extends Error {
  constructor(ms: number) {
    super(`The exchange exceeded its ${ms} ms limit.`);
    this.name = "TimeoutError";
  }
}

export type Bounds = { maxResponseBytes: number; deadlineMs: number };

export class BoundedHttpHandler extends NodeHttpHandler {
  private readonly bounds: Bounds;

  constructor(options: NodeHttpHandlerOptions, bounds: Bounds) {
    super(options);
    this.bounds = bounds;
  }

  override async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new ExchangeTimeoutError(this.bounds.deadlineMs)), this.bounds.deadlineMs);
    timer.unref();
    const callerSignal = options.abortSignal;
    const signal = callerSignal instanceof AbortSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
    let response: HttpResponse;
    try {
      ({ response } = await super.handle(request, { ...options, abortSignal: signal }));
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
    const capped = capBytes(response.body as Readable, this.bounds.maxResponseBytes);
    // Headers arrived in time; the body is still under the same clock (and the caller's signal).
    const onAbort = () => capped.destroy(new ExchangeTimeoutError(this.bounds.deadlineMs));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    capped.once("close", () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    });
    response.body = capped;
    return { response };
  }
}

/** A pass-through that fails (and destroys the socket's stream) once more than `limit` bytes went by. */
function capBytes(source: Readable, limit: number): Transform {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new ResponseTooLargeError(limit));
      else callback(null, chunk);
    },
  });
  // pipeline destroys the source on any error, which closes the connection instead of draining it.
  pipeline(source, counter, () => {});
  return counter;
}
