/**
 * The resilience suite (`npm run test:resilience`): bad input on every route,
 * forged notifications, upstream and webhook faults, a Worker restart in the
 * middle of a notification storm, a REFUSED order recovered by the return,
 * and orders that heal themselves on their re-check schedule (through faults,
 * and among three hundred abandoned checkouts). It runs in Node against two
 * local stacks (test/resilience/global-setup.ts: `main`, where no order
 * re-checks itself during the run, and `heal`, with a schedule in seconds)
 * over real HTTP; files run one after another since they share them, and a
 * reporter prints the counts at the end.
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
