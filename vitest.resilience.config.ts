/**
 * The resilience suite (`npm run test:resilience`): bad input on every route,
 * forged notifications, upstream and webhook faults, a Worker restart in the
 * middle of a notification storm. It runs in Node against ONE local stack
 * (test/resilience/global-setup.ts) over real HTTP; files run one after
 * another since they share that stack, and a reporter prints the counts at
 * the end.
 */

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'resilience',
    include: ['test/resilience/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/resilience/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/resilience/summary-reporter.ts'],
  },
});
