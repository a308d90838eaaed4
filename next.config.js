// @ts-check

import { apiContentSecurityPolicy, securityHeaders } from "./lib/platform/http/fixed-headers.mjs";

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
