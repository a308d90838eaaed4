// @ts-check

// The pages' Content-Security-Policy is per request, with a nonce for scripts (proxy.ts,
// lib/platform/http/security-headers.ts). The APIs answer JSON and never load anything. No
// upgrade-insecure-requests: self-hosted installs are often reached over plain http on a private
// network; HSTS is sent only when BROADCAST_PUBLIC_URL is https.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WebAssembly or native files from their own package folders at run time, so they must
  // be required from node_modules rather than bundled.
  // pino and prom-client keep process-wide state (the log stream, the metrics registry) that every
  // module graph must share, so they too come from node_modules, once.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "s3rver", "pino", "pino-pretty", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/(api|v1)/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    ];
  },
};

export default nextConfig;
