import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/platform/env/env";
import { ROLE_PARTS, serverOptionsFrom } from "./server-options";

const PG = { DATABASE_URL: "postgres://127.0.0.1/x" };
const options = (raw: Record<string, string>, cores = 2) => serverOptionsFrom(parseEnv(raw), cores);

describe("server options", () => {
  it("default to everything in one process with one S3 thread", () => {
    expect(options({})).toEqual({ role: "all", workers: 1, s3Threads: 1 });
  });

  it("read each role, a worker count or auto (one per core), and the S3 threads", () => {
    for (const role of ["all", "ingest", "delivery", "web"]) expect(options({ BROADCAST_ROLE: role }).role).toBe(role);
    expect(options({ ...PG, BROADCAST_WORKERS: "auto" }, 4).workers).toBe(4);
    expect(options({ ...PG, BROADCAST_WORKERS: "3" }, 4).workers).toBe(3);
    expect(options({ BROADCAST_S3_THREADS: "0" }).s3Threads).toBe(0);
  });

  it("refuse bad values with the variable's name", () => {
    expect(() => options({ BROADCAST_ROLE: "worker" })).toThrow(/BROADCAST_ROLE must be one of all, ingest, delivery, web/);
    for (const bad of ["0", "1.5", "many", "65"]) expect(() => options({ ...PG, BROADCAST_WORKERS: bad })).toThrow(/BROADCAST_WORKERS must be/);
    for (const bad of ["-1", "17", "x"]) expect(() => options({ BROADCAST_S3_THREADS: bad })).toThrow(/BROADCAST_S3_THREADS/);
  });

  it("refuse several processes on the embedded database", () => {
    expect(() => options({ BROADCAST_WORKERS: "2" })).toThrow(/needs PostgreSQL/);
    expect(() => options({ BROADCAST_WORKERS: "auto" })).toThrow(/needs PostgreSQL/);
    expect(options({ BROADCAST_WORKERS: "1" }).workers).toBe(1);
  });

  it("give delivery to exactly the roles that deliver, and pages only where Next.js runs", () => {
    expect(Object.entries(ROLE_PARTS).filter(([, p]) => p.delivery).map(([r]) => r)).toEqual(["all", "delivery"]);
    expect(ROLE_PARTS.ingest).toEqual({ ingest: true, pages: false, delivery: false });
    expect(ROLE_PARTS.web).toEqual({ ingest: true, pages: true, delivery: false });
  });
});
