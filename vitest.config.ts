import { mkdirSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { sandboxAuxWorker } from './test/config/sandbox-aux-worker.ts';

// pool-workers reads wrangler.toml once per project and test file, and wrangler
// would print the same configuration notice each time ("secrets" fields are
// experimental); `npm run types:check` and `npm run deploy:check` show it once.
process.env['WRANGLER_LOG'] ??= 'error';

// The sandbox environment serves the built demo shop from dist/site. These
// tests never fetch a static file, but wrangler refuses a config whose
// assets folder does not exist, as on a fresh clone before `npm run build`.
mkdirSync('dist/site', { recursive: true });

/** The order index's schema, applied inside workerd by test/worker/apply-d1-migrations.ts. */
const D1_MIGRATIONS = await readD1Migrations('worker/migrations');

/** Short timeouts and retry delays, so that fault tests take seconds, not minutes. No scheduled re-check fires during these tests. */
const WORKER_TEST_VARS = { UPSTREAM_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '100', RECHECK_SCHEDULE: '1h' };
const SANDBOX_TEST_VARS = { NOTIFY_RETRY_BASE_MS: '100', LOG_NOTIFICATIONS: 'false' };
/**
 * The same Worker configured for CinetPay's checkout API v2, against the sandbox's v2, for a merchant in the BEAC
 * zone (CFA_ZONE XAF: Cameroun, Gabon, ...); the 2026 project covers the default, XOF.
 */
const V2_TEST_VARS = { ...WORKER_TEST_VARS, CINETPAY_API: 'v2', CFA_ZONE: 'XAF' };
/** The same Worker on CinetPay's 2026 API, against the sandbox's. */
const API2026_TEST_VARS = { ...WORKER_TEST_VARS, CINETPAY_API: '2026' };
/** Orders that heal themselves within seconds: the only path to ACCEPTED in these tests is the order's own alarm. */
const HEAL_TEST_VARS = { ...WORKER_TEST_VARS, RECHECK_SCHEDULE: '3s,6s,60s' };
/**
 * A merchant with no backend at all (no order.paid webhook, as in production's defaults), who reads English and
 * wants the payer's number in each paid-order notice. The re-check an hour away must not be what sends the notices.
 */
const NOTICES_EN_TEST_VARS = { ...WORKER_TEST_VARS, NOTICE_LANG: 'en', NOTICE_PAYER_PHONE: 'true', FULFILLMENT_WEBHOOK_URL: '' };

/** The Worker against the real sandbox: all its outbound fetches reach the sandbox, and back. */
function workerProject(name: string, include: string, vars: Readonly<Record<string, string>>) {
  return {
    plugins: [
      cloudflareTest({
        main: './worker/src/index.ts',
        wrangler: { configPath: './wrangler.toml', environment: 'sandbox' },
        miniflare: {
          bindings: { ...vars, TEST_MIGRATIONS: D1_MIGRATIONS },
          outboundService: 'sandbox',
          workers: [sandboxAuxWorker(name, SANDBOX_TEST_VARS)],
        },
      }),
    ],
    test: { name, include: [include], setupFiles: ['test/worker/apply-d1-migrations.ts'], testTimeout: 20_000 },
  };
}

export default defineConfig({
  test: {
    // The Workers' own log lines (one per state change) are shown for a failing test only.
    silent: 'passed-only',
    // Most of these tests wait: on timers, on the sandbox, on workerd. With one worker per core (the default),
    // a 2-core machine sat half idle through \`npm test\` (vmstat); four workers ran it in 141 s instead of 252 s.
    maxWorkers: 4,
    projects: [
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [
          cloudflareTest({
            main: './sandbox/src/index.ts',
            wrangler: { configPath: './sandbox/wrangler.toml' },
            miniflare: {
              // Fast retries: 50, 100, 200 ms; at most 4 attempts.
              bindings: { NOTIFY_RETRY_BASE_MS: '50', NOTIFY_MAX_ATTEMPTS: '4' },
              // The sandbox's notifications reach a fake merchant that records them (test/sandbox/merchant-stub.ts).
              outboundService: async (request: Request) => (await import('./test/sandbox/merchant-stub.ts')).handleMerchantRequest(request),
            },
          }),
        ],
        test: { name: 'sandbox', include: ['test/sandbox/**/*.test.ts'] },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          exclude: ['test/node/stack.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The stack test runs `npm run build`, which replaces dist/site; a workerd project starting a file meanwhile
        // finds no assets folder and fails. So it runs alone, once every other project is done.
        test: {
          name: 'node-build',
          include: ['test/node/stack.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      workerProject('worker', 'test/worker/**/*.test.ts', WORKER_TEST_VARS),
      workerProject('worker-v2', 'test/worker-v2/**/*.test.ts', V2_TEST_VARS),
      workerProject('worker-2026', 'test/worker-2026/**/*.test.ts', API2026_TEST_VARS),
      workerProject('worker-heal', 'test/worker-heal/**/*.test.ts', HEAL_TEST_VARS),
      workerProject('worker-notices-en', 'test/worker-notices-en/**/*.test.ts', NOTICES_EN_TEST_VARS),
      {
        // The CinetPay client alone, against a local HTTP stub that records what it receives.
        plugins: [
          cloudflareTest({
            main: './worker/src/index.ts',
            wrangler: { configPath: './wrangler.toml', environment: 'sandbox' },
          }),
        ],
        test: { name: 'worker-client', include: ['test/worker-client/**/*.test.ts'], globalSetup: ['test/config/http-stub-setup.ts'] },
      },
    ],
  },
});
