// @ts-check

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

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
