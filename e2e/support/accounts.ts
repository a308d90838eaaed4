import path from "node:path";
import { TMP_DIR } from "./e2e-config";

// The accounts the e2e run signs in with. The owner is created through the real Create owner account
// page by e2e/auth.setup.ts, on the fresh database run-server.mjs gives every run.

export const OWNER = { name: "E2E Owner", email: "owner@e2e.test", password: "e2e-owner-PASSWORD-9f3k" } as const;
export const VIEWER = { name: "E2E Viewer", email: "viewer@e2e.test", password: "e2e-viewer-PASSWORD-2m7q" } as const;

/** Cookies of the signed-in owner, shared by every spec that depends on the setup project. */
export const OWNER_STATE = path.join(TMP_DIR, "e2e-owner-state.json");

export const SIGNED_OUT = { cookies: [], origins: [] };
