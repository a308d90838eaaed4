import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";
import pLimit, { type LimitFunction } from "p-limit";
import { runtimeSlot } from "@/lib/platform/runtime/container";

// Password hashing with scrypt (memory-hard). Node's async scrypt runs on the libuv thread pool, so a
// sign-in never blocks the event loop. Format: "scrypt$<N>$<r>$<p>$<salt>$<hash>" (base64url), so the
// parameters can be raised later without invalidating stored hashes.

const PARAMS = { N: 16_384, r: 16, p: 1 } as const; // ~32 MiB per hash, the same cost as better-auth's default
const KEY_BYTES = 64;
const SALT_BYTES = 16;

// A global ceiling: libuv's pool has 4 threads, shared with DNS lookups (delivery), fs and zlib, and
// each hash keeps a core busy for ~0.1 s. A sign-in flood must take neither all threads nor all
// cores (on 2 cores, 2 hashes at once starved the event loop: ingest p99 241 ms → 5.7 s), so at most
// one hash per core beyond the first runs at once (1 to 2), and at most 16 wait; past that a sign-in
// is refused at once (HashCapacityError) instead of queueing without end.
export const HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
export const MAX_WAITING_HASHES = 16;

export class HashCapacityError extends Error {
  constructor() {
    super("Too many sign-ins at once. Try again in a few seconds.");
    this.name = "HashCapacityError";
  }
}

type Gate = { limit: LimitFunction; started: number; peakActive: number };
const gate = runtimeSlot<Gate>("password-hash-gate", () => ({ limit: pLimit(HASH_CONCURRENCY), started: 0, peakActive: 0 }));

/** For tests and the bench: hashes started since the process began, and the most ever run at once. */
export function passwordHashStats(): { started: number; peakActive: number } {
  const { started, peakActive } = gate.get();
  return { started, peakActive };
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const state = gate.get();
  if (state.limit.pendingCount >= MAX_WAITING_HASHES) return Promise.reject(new HashCapacityError());
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return state.limit(() => {
    state.started += 1;
    state.peakActive = Math.max(state.peakActive, state.limit.activeCount);
    return new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Refuse absurd parameters from a tampered row instead of allocating gigabytes.
  if (![params.N, params.r, params.p].every(Number.isInteger) || params.N > 1 << 20 || params.r > 32 || params.p > 4) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
