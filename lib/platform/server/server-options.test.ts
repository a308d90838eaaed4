import { describe, expect, it } from "vitest";
import { readServerOptions, ROLE_PARTS } from "./server-options";

const PG = { DATABASE_URL: "postgres://127.0.0.1/x" };

describe("readServerOptions", () => {
  it("defaults to everything in one process with one S3 thread", () => {
    expect(readServerOptions({}, 2)).toEqual({ role: "all", workers: 1, s3Threads: 1 });
  });

  it("reads each role, a worker count or auto (one per core), and the S3 threads", () => {
    for (const role of ["all", "ingest", "delivery", "web"]) expect(readServerOptions({ BROADCAST_ROLE: role }, 2).role).toBe(role);
    expect(readServerOptions({ ...PG, BROADCAST_WORKERS: "auto" }, 4).workers).toBe(4);
    expect(readServerOptions({ ...PG, BROADCAST_WORKERS: "3" }, 4).workers).toBe(3);
    expect(readServerOptions({ BROADCAST_S3_THREADS: "0" }, 2).s3Threads).toBe(0);
  });

  it("refuses bad values with the variable's name", () => {
    expect(() => readServerOptions({ BROADCAST_ROLE: "worker" })).toThrow(/BROADCAST_ROLE must be one of all, ingest, delivery, web/);
    for (const bad of ["0", "1.5", "many", "65"]) expect(() => readServerOptions({ ...PG, BROADCAST_WORKERS: bad })).toThrow(/BROADCAST_WORKERS/);
    for (const bad of ["-1", "17", "x"]) expect(() => readServerOptions({ BROADCAST_S3_THREADS: bad })).toThrow(/BROADCAST_S3_THREADS/);
  });

  it("refuses several processes on the embedded database", () => {
    expect(() => readServerOptions({ BROADCAST_WORKERS: "2" })).toThrow(/needs PostgreSQL/);
    expect(readServerOptions({ BROADCAST_WORKERS: "1" }).workers).toBe(1);
  });

  it("gives every part to some role and delivery to exactly the roles that deliver", () => {
    expect(Object.entries(ROLE_PARTS).filter(([, p]) => p.delivery).map(([r]) => r)).toEqual(["all", "delivery"]);
    expect(ROLE_PARTS.ingest).toEqual({ ingest: true, pages: false, delivery: false });
  });
});
