import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * Sampling is a function of the trace id alone, so every file of one trace (native or
 * OpenTelemetry, first try or retry, any instance) is in or out together, and the browser's
 * "Try rules" agrees with the server. SHA-256 rather than a fast non-crypto hash: ids are
 * chosen by the sender, and a cryptographic hash keeps sequential or crafted ids uniform.
 */

/** The trace's position in [0, 1): the first 53 bits of SHA-256(trace id), as many as a double holds exactly. */
export function samplingPositionOf(traceId: string): number {
  const digest = sha256(utf8ToBytes(traceId));
  const view = new DataView(digest.buffer, digest.byteOffset, 8);
  const high = view.getUint32(0); // 32 bits
  const low = view.getUint32(4) >>> 11; // next 21 bits
  return (high * 2 ** 21 + low) / 2 ** 53;
}

export type SamplingCheck = { rate: number; position: number; sampledIn: boolean };

/** A rate of 1 keeps everything (positions are < 1); a rate of 0.1 keeps positions below 0.1. */
export function checkSampling(samplingRate: number, traceId: string): SamplingCheck {
  const position = samplingPositionOf(traceId);
  return { rate: samplingRate, position, sampledIn: position < samplingRate };
}

export function isSampledIn(samplingRate: number, traceId: string): boolean {
  return checkSampling(samplingRate, traceId).sampledIn;
}
