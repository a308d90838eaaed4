// @ts-check

import { securityHeaders } from "./lib/platform/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WebAssembly or native files from their own package folders at run time, so they must
  // be required from node_modules rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "s3rver"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
