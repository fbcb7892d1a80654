/**
 * Starts ONE local stack for the whole browser suite: the real Worker (its
 * `sandbox` environment, serving dist/site) and the real CinetPay sandbox,
 * each in `wrangler dev` on loopback, on ports that can sit beside
 * `npm start` (BROWSER_WORKER_PORT / BROWSER_SANDBOX_PORT, default 18787 /
 * 18788). Test pages on a second origin (BROWSER_PAGES_PORT, default 18789:
 * a "merchant site", a "site builder" framing the shop) are allowed by the
 * Worker's CORS list. `npm run test:browser` builds dist/ first.
 */

import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack';
import { browserPorts } from './ports';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ports = browserPorts();
  const pagesOrigin = `http://127.0.0.1:${ports.pages}`;
  const stack = await startStack({
    workerPort: ports.worker,
    sandboxPort: ports.sandbox,
    extraOrigins: [pagesOrigin],
    portVariables: { worker: 'BROWSER_WORKER_PORT', sandbox: 'BROWSER_SANDBOX_PORT' },
  });
  project.provide('workerUrl', stack.workerUrl);
  project.provide('sandboxUrl', stack.sandboxUrl);
  project.provide('pagesUrl', pagesOrigin);
  return async () => {
    await stack.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    sandboxUrl: string;
    pagesUrl: string;
  }
}
