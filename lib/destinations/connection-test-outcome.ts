import type { ConnectionTestResult } from "@/lib/platform/s3/test-connection";

/** What the Test Connection action returns, as the S3 adapter classified it. */
export type ConnectionTestOutcome = ConnectionTestResult;

/** A Save refused because its fresh connection test failed: the failure shown next to the buttons. */
export type FailedConnectionTest = Omit<Extract<ConnectionTestOutcome, { ok: false }>, "ok">;

/** The failure detail Save adds to the generic ActionResult. */
export type SaveFailureDetail = { connection: FailedConnectionTest };
