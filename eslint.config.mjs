// ESLint: Next.js's recommended rules plus the layer boundaries of docs/architecture.md, which fail
// `npm test` when crossed (lib/core stays pure, components never reach Prisma, the AWS SDK or app/,
// and only lib/platform/env reads process.env).
import { createRequire } from "node:module";

createRequire(import.meta.url)("./scripts/lint/typescript-for-eslint.cjs");
const { default: nextCoreWebVitals } = await import("eslint-config-next/core-web-vitals");
const { default: nextTypescript } = await import("eslint-config-next/typescript");

const io = [
  { group: ["@prisma/*", "prisma", "**/db/generated/**"], message: "lib/core is pure: no database (move it to lib/platform or a capability)." },
  { group: ["@aws-sdk/*", "@smithy/*"], message: "lib/core is pure: no AWS SDK (lib/platform/s3 talks to S3)." },
  { group: ["pg", "pg/*", "@electric-sql/*", "pglite-prisma-adapter"], message: "lib/core is pure: no database driver." },
  { group: ["@/lib/platform/*", "@/lib/platform", "**/lib/platform/**"], message: "lib/core must not import lib/platform (arrows point towards core)." },
  { group: ["next", "next/*", "server-only"], message: "lib/core is importable by browser and server alike: no Next.js modules." },
  {
    group: ["@/lib/*", "!@/lib/core", "!@/lib/core/*", "!@/lib/core/**"],
    message: "lib/core must not import a capability folder (lib/<capability> depends on core, not the reverse).",
  },
];
const ioPaths = ["fs", "fs/promises", "net", "dns", "dns/promises", "http", "https", "http2", "child_process"].flatMap((name) => [
  { name, message: "lib/core is pure: no file system or network I/O." },
  { name: `node:${name}`, message: "lib/core is pure: no file system or network I/O." },
]);

const processEnv = [
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read the typed env from @/lib/platform/env instead of process.env (one schema validates every variable)." },
];

const config = [
  { ignores: ["node_modules/**", ".next/**", "lib/platform/db/generated/**", "data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // `_name` marks a deliberately unused parameter or destructured rest.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // Tests of pure code may drive it with real errors from real clients (classify-s3-error.test.ts).
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // `any` in a test is a shortcut to poke at untyped JSON; production code stays strict.
  { files: ["**/*.test.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // React's hook rules misread Playwright fixtures and helpers named `use`; there are no React
  // components outside app/, components/ and lib/.
  // Next's page rules (no assigning `module`) mean nothing to a test that imports a route module.
  { files: ["e2e/**", "tests/**", "scripts/**"], rules: { "react-hooks/rules-of-hooks": "off", "@next/next/no-assign-module-variable": "off" } },
  // Bench and test helpers are being reworked separately; an unused import there warns instead of failing.
  { files: ["tests/**", "scripts/**"], rules: { "@typescript-eslint/no-unused-vars": "warn" } },
  {
    files: ["lib/core/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { paths: ioPaths, patterns: io }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "**/db/generated/**"], message: "Components never import Prisma: call a lib/<capability> action." },
            { group: ["@aws-sdk/*", "@smithy/*"], message: "Components never import the AWS SDK." },
            { group: ["@/app/*", "@/app", "**/app/**"], message: "Components import from lib/, never from app/ (app imports components)." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["lib/platform/env/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...processEnv] },
  },
];

export default config;
