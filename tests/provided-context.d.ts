import type { RgwInfo } from "./s3/start-rgw";

// What tests/global-setup.ts hands to integration tests through `inject("s3rver")` / `inject("rgw")`.
declare module "vitest" {
  export interface ProvidedContext {
    s3rver: {
      endpoint: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** Buckets created empty at start: "traces", "traces-2" and "traces-3". */
      buckets: string[];
    };
    /** null on a developer machine without radosgw: tests needing it must skip (never on CI). */
    rgw: RgwInfo | null;
  }
}
