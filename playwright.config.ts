// End-to-end: the same specs against the mocked app (MSW in the built bundle) and the real server
// (Node + DuckDB), both over the demo data of the same seed and size; the read-only specs (Customer
// 360, scores, segment counts, dashboards) also against the server on ClickHouse (chDB, decision
// 044), over the same demo loaded as a retailer's files.
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS } from './mocks/demo-size.ts';
import { CLICKHOUSE_EDITOR_STATE, E2E_BOOTSTRAP_TOKEN, EDITOR_STATE } from './e2e/accounts.ts';

const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    }
  : {};

const MOCK_PORT = 4173;
const SERVER_PORT = 4174;
const CLICKHOUSE_PORT = 4175;
export const E2E_CUSTOMERS = E2E_DEMO_CUSTOMERS;

export default defineConfig({
  testDir: 'e2e',
  // One worker per project (decision 033): the mock's specs and the server's run side by side, each
  // project's one after the other (the server's specs share one database; the audit spec edits the
  // demo campaign and puts it back).
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  // Guards against a hang, not performance checks: both cores are busy with the two projects.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    // Our users are French marketers: the app starts in French, as their browsers would have it.
    locale: 'fr-FR',
    // Pop-ins and spinners settle at once (index.css honours it): no frames drawn for motion, and
    // Playwright's stability checks wait for no animation.
    reducedMotion: 'reduce',
    launchOptions,
    serviceWorkers: 'allow',
    // Tracing every test costs about a quarter of the run (a DOM snapshot per action): a failure is
    // retried on CI, and the retry is traced (decision 023).
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'mock',
      workers: 1,
      testIgnore: /\.setup\.ts$/,
      use: { baseURL: `http://127.0.0.1:${MOCK_PORT}` },
    },
    // The server's specs run signed in as the editor, signed in through the form first (decision 035).
    {
      name: 'server-sign-in',
      testMatch: /sign-in\.setup\.ts$/,
      use: { baseURL: `http://127.0.0.1:${SERVER_PORT}` },
    },
    {
      name: 'server',
      workers: 1,
      dependencies: ['server-sign-in'],
      testIgnore: /\.setup\.ts$/,
      use: { baseURL: `http://127.0.0.1:${SERVER_PORT}`, storageState: EDITOR_STATE },
    },
    {
      name: 'clickhouse-sign-in',
      testMatch: /sign-in\.setup\.ts$/,
      use: { baseURL: `http://127.0.0.1:${CLICKHOUSE_PORT}` },
    },
    {
      name: 'clickhouse',
      workers: 1,
      dependencies: ['clickhouse-sign-in'],
      // What reads the data; the writes' specs are DuckDB's (the state file is the same code).
      testMatch: /(customer360|scores|segments|dashboards)\.spec\.ts$/,
      grepInvert: /pop-ups pass the accessibility check/,
      use: {
        baseURL: `http://127.0.0.1:${CLICKHOUSE_PORT}`,
        storageState: CLICKHOUSE_EDITOR_STATE,
      },
    },
  ],
  webServer: [
    {
      command: `vite build --mode e2e --outDir dist-e2e --logLevel warn && vite preview --outDir dist-e2e --port ${MOCK_PORT} --strictPort`,
      url: `http://127.0.0.1:${MOCK_PORT}`,
      // The page's demo has the e2e size (src/main.tsx reads it at build time).
      env: { VITE_DEMO_CUSTOMERS: String(E2E_CUSTOMERS) },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `vite build --outDir dist --logLevel warn && node --max-semi-space-size=64 --import tsx server/node.ts`,
      url: `http://127.0.0.1:${SERVER_PORT}/api/health`,
      env: {
        PORT: String(SERVER_PORT),
        HOST: '127.0.0.1',
        TACT_DB: `data/e2e-${E2E_CUSTOMERS}.duckdb`,
        TACT_CUSTOMERS: String(E2E_CUSTOMERS),
        TACT_BOOTSTRAP_TOKEN: E2E_BOOTSTRAP_TOKEN,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // The app the server above builds, once it is there; the demo seeded into chDB at first start.
      command: `node scripts/wait-for-file.js dist/index.html && node --max-semi-space-size=64 --import tsx server/node.ts`,
      url: `http://127.0.0.1:${CLICKHOUSE_PORT}/api/health`,
      env: {
        PORT: String(CLICKHOUSE_PORT),
        HOST: '127.0.0.1',
        TACT_STORE: 'clickhouse',
        TACT_CLICKHOUSE_PATH: `data/e2e-clickhouse-${E2E_CUSTOMERS}`,
        TACT_DB: `data/e2e-clickhouse-state-${E2E_CUSTOMERS}.duckdb`,
        TACT_CUSTOMERS: String(E2E_CUSTOMERS),
        TACT_BOOTSTRAP_TOKEN: E2E_BOOTSTRAP_TOKEN,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
