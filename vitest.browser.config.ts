/**
 * The real-browser suite (`npm run test:browser`): Chromium driven by
 * playwright-core from vitest in Node, against one local stack started by
 * test/browser/global-setup.ts. Files run one after another: they share the
 * stack and the test-page port.
 */

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
