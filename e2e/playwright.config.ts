import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Playwright journeys in Debian's Chromium (/usr/bin/chromium; never `playwright install`).
 *
 * e2e/global-setup.ts loads a small demo county into a fresh temporary DATA_DIR and starts the
 * server on E2E_PORT (default 3100) against it; its teardown stops the server and deletes the dir.
 * Set E2E_BASE_URL to run the journeys against a server you started yourself instead.
 *
 *   npm run test:e2e                                  # build the web app, then run everything
 *   npx playwright test -c e2e/playwright.config.ts   # without rebuilding
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${e2ePort}`;

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results', 'e2e'),
  globalSetup: path.join(here, 'global-setup.ts'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTimeout: 20 * 60_000,
  reporter: [
    ['list'],
    // PLAYWRIGHT_JSON_OUTPUT_FILE (set by .ci/run) takes precedence over this path.
    ['json', { outputFile: path.join(root, 'test-results', 'e2e-report.json') }],
  ],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
