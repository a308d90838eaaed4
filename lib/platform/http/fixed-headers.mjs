// @ts-check
// The response headers every answer carries, in one list: next.config.js applies them to Next.js's
// routes, and the production server (lib/platform/server/) to the ingest answers it serves itself.
// The pages' Content-Security-Policy is per request, with a nonce for scripts (proxy.ts,
// lib/platform/http/security-headers.ts). The APIs answer JSON and never load anything. No
// upgrade-insecure-requests: self-hosted installs are often reached over plain http on a private
// network; HSTS is sent only when BROADCAST_PUBLIC_URL is https. (Not security-headers.mjs: a resolver
// trying .mjs before .ts, as Next.js's does, would shadow security-headers.ts.)

export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** @type {{ key: string; value: string }[]} */
export const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
