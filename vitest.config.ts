import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [cloudflareTest({ main: './sandbox/src/index.ts', wrangler: { configPath: './sandbox/wrangler.toml' } })],
        test: { name: 'sandbox', include: ['test/sandbox/**/*.test.ts'] },
      },
      {
        plugins: [cloudflareTest({ main: './worker/src/index.ts', wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'] },
      },
    ],
  },
});
