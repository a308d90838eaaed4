// @ts-check
// The response headers every answer carries: next.config.js applies them to Next.js's routes, and
// the production server (lib/platform/server/) to the ingest answers it serves itself. One list.

const isDev = process.env.NODE_ENV === "development";

// Without nonces, Next.js needs 'unsafe-inline' for its inline bootstrap scripts and for styles
// ('unsafe-eval' only in development, for React's debugging). Everything else is same-origin only;
// the dashboard never talks to S3 from the browser. No upgrade-insecure-requests: self-hosted
// installs are often reached over plain http on a private network.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {{ key: string; value: string }[]} */
export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
