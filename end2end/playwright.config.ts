import { defineConfig } from "@playwright/test";

// The release binary built by `scripts/build.sh`, on a port of its own and a fresh
// database each run.
export const PORT = 3100;

export default defineConfig({
  testDir: "./tests",
  // Journeys share the `general` room and one server: run them one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
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
  },
  webServer: {
    command: `rm -rf .data/main && ../target/release/kaiwa --addr 127.0.0.1:${PORT} --data-dir .data/main`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    env: { LEPTOS_SITE_ROOT: "../target/site", RUST_LOG: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
