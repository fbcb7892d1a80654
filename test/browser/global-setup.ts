/**
 * Starts the browser suite's local stacks: the real Worker (its `sandbox`
 * environment, serving dist/site) and the real CinetPay sandbox, each in
 * `wrangler dev` on loopback, on ports that can sit beside `npm start`
 * (BROWSER_WORKER_PORT / BROWSER_SANDBOX_PORT, default 18787 / 18788); and a
 * second such stack whose Worker runs CinetPay's checkout API v2
 * (BROWSER_V2_WORKER_PORT / BROWSER_V2_SANDBOX_PORT, default 18797 / 18798),
 * for test/browser/v2.test.ts; and a third whose Worker runs CinetPay's 2026
 * API (BROWSER_2026_WORKER_PORT / BROWSER_2026_SANDBOX_PORT, default 18807 /
 * 18808), for test/browser/api2026.test.ts. Test pages on a second origin
 * (BROWSER_PAGES_PORT, default 18789:
 * a "merchant site", a "site builder" framing the shop) are allowed by the
 * Worker's CORS list. `npm run test:browser` builds dist/ first.
 */

import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack';
import { browserPorts } from './ports';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ports = browserPorts();
  const pagesOrigin = `http://127.0.0.1:${ports.pages}`;
  // No scheduled re-check comes due while the suite runs: the console's 125 open orders would all re-check
  // at once two minutes in, and the storm of checkPayStatus calls stalls whichever page loads then.
  // The tests that need a re-check ask for it (the console's buttons); heal.test.ts covers the schedule.
  const options = { extraOrigins: [pagesOrigin], workerVars: { RECHECK_SCHEDULE: '1d' } };
  const started = await Promise.allSettled([
    startStack({
      ...options,
      workerPort: ports.worker,
      sandboxPort: ports.sandbox,
      portVariables: { worker: 'BROWSER_WORKER_PORT', sandbox: 'BROWSER_SANDBOX_PORT' },
    }),
    startStack({
      ...options,
      api: 'v2',
      workerPort: ports.v2Worker,
      sandboxPort: ports.v2Sandbox,
      portVariables: { worker: 'BROWSER_V2_WORKER_PORT', sandbox: 'BROWSER_V2_SANDBOX_PORT' },
    }),
    startStack({
      ...options,
      api: '2026',
      workerPort: ports.api2026Worker,
      sandboxPort: ports.api2026Sandbox,
      portVariables: { worker: 'BROWSER_2026_WORKER_PORT', sandbox: 'BROWSER_2026_SANDBOX_PORT' },
    }),
  ]);
  const [first, second, third] = started;
  if (first?.status !== 'fulfilled' || second?.status !== 'fulfilled' || third?.status !== 'fulfilled') {
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
    throw started.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason;
  }
  const [stack, v2, api2026] = [first.value, second.value, third.value];
  project.provide('workerUrl', stack.workerUrl);
  project.provide('sandboxUrl', stack.sandboxUrl);
  project.provide('workerLog', stack.worker.logFile);
  project.provide('pagesUrl', pagesOrigin);
  project.provide('v2WorkerUrl', v2.workerUrl);
  project.provide('v2SandboxUrl', v2.sandboxUrl);
  project.provide('api2026WorkerUrl', api2026.workerUrl);
  project.provide('api2026SandboxUrl', api2026.sandboxUrl);
  return async () => {
    await Promise.all([stack.stop(), v2.stop(), api2026.stop()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    sandboxUrl: string;
    /** The first stack's Worker log (`wrangler dev`'s output), where the local send_email binding names each .eml it writes. */
    workerLog: string;
    pagesUrl: string;
    v2WorkerUrl: string;
    v2SandboxUrl: string;
    api2026WorkerUrl: string;
    api2026SandboxUrl: string;
  }
}
