import { defineConfig } from "@playwright/test";
import { OWNER_STATE } from "./e2e/support/accounts";
import { BASE_URL } from "./e2e/support/e2e-config";

const isCI = Boolean(process.env.CI);

// One worker, in order: every spec shares one app server, one database and one bucket.
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    // `npx playwright install` cannot download here: use Debian's Chromium. Running as root (CI)
    // needs --no-sandbox; the rest stop Chromium from calling home during tests.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Every page needs a session: `setup` creates the owner through the real Create owner account page
  // on the fresh database and saves its cookies; the specs start signed in as that owner.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: OWNER_STATE } },
  ],
  webServer: {
    command: "node e2e/support/run-server.mjs",
    url: `${BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
