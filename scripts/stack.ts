/**
 * The whole local stack: the sandbox (CinetPay v1 and v2 emulator) and the Worker in
 * its `sandbox` environment, each in its own `wrangler dev` on loopback,
 * talking to each other over real HTTP. `npm start`, the browser tests and
 * the benchmarks all start it through here, on ports they choose, so that
 * several stacks can run at once. Run `npm run build` first: the Worker
 * serves the widget and the demo shop from `dist/site`.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyLocalD1Migrations } from './d1-migrations';
import { ROOT, type RunningWorker, startWranglerDev, type WranglerDevOptions } from './wrangler-dev';

export const DEFAULT_WORKER_PORT = 8787;
export const DEFAULT_SANDBOX_PORT = 8788;
/**
 * Inspector ports sit this far above the HTTP port. The suites' stacks are
 * 10 000 apart (npm start 8787, browser 18787, bench 28787, resilience 38787),
 * so an offset of 1 000 keeps every port of every stack distinct.
 */
const INSPECTOR_OFFSET = 1_000;

/** CinetPay's API generations, as `CINETPAY_API` names them. */
export type ApiGeneration = 'v1' | 'v2';

export interface StackOptions {
  /** The CinetPay API the Worker creates orders with (`CINETPAY_API`); v1 by default. */
  readonly api?: ApiGeneration;
  readonly workerPort?: number;
  readonly sandboxPort?: number;
  /** Keep Durable Object and D1 state here across restarts (one sub-folder per Worker); by default a fresh folder under .tmp/, removed by `stop()`. */
  readonly persistTo?: string;
  /** Extra `--var` overrides for the Worker. */
  readonly workerVars?: Readonly<Record<string, string>>;
  /** Extra `--var` overrides for the sandbox (e.g. `NOTIFY_RETRY_BASE_MS`). */
  readonly sandboxVars?: Readonly<Record<string, string>>;
}

export interface Stack {
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  /** The Worker's current process: a new one after `restartWorker`. */
  readonly worker: RunningWorker;
  readonly sandbox: RunningWorker;
  /** Stops the Worker's process alone and starts it again on the same port, with the same options and persisted state. */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Ports from `WORKER_PORT` and `SANDBOX_PORT`, else 8787 and 8788. */
export function portsFromEnvironment(): { workerPort: number; sandboxPort: number } {
  return {
    workerPort: Number(process.env['WORKER_PORT'] ?? DEFAULT_WORKER_PORT),
    sandboxPort: Number(process.env['SANDBOX_PORT'] ?? DEFAULT_SANDBOX_PORT),
  };
}

/** `CINETPAY_API` from the environment: `v1` when unset; anything but v1 or v2 stops with a message. */
export function apiFromEnvironment(): ApiGeneration {
  const value = process.env['CINETPAY_API'] ?? 'v1';
  if (value === 'v1' || value === 'v2') return value;
  throw new Error(`CINETPAY_API must be "v1" or "v2", got ${JSON.stringify(value)}`);
}

/** Starts the sandbox and the Worker side by side; if either fails, stops the other. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const workerPort = options.workerPort ?? DEFAULT_WORKER_PORT;
  const sandboxPort = options.sandboxPort ?? DEFAULT_SANDBOX_PORT;
  if (!existsSync(join(ROOT, 'dist', 'site'))) {
    throw new Error('dist/site is missing: run `npm run build` first (the Worker serves the widget and the demo shop from it).');
  }
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const temporary = options.persistTo === undefined;
  const persistTo = options.persistTo ?? mkdtempSync(join(ROOT, '.tmp', 'stack-'));
  const forgetState = (): void => {
    if (temporary) rmSync(persistTo, { recursive: true, force: true });
  };
  const workerOptions: WranglerDevOptions = {
    name: 'worker',
    config: 'wrangler.toml',
    env: 'sandbox',
    port: workerPort,
    inspectorPort: workerPort + INSPECTOR_OFFSET,
    persistTo: join(persistTo, 'worker'),
    vars: {
      CINETPAY_API_URL: `${sandboxUrl}/v1/`,
      CINETPAY_CHECKOUT_URL: `${sandboxUrl}/`,
      CINETPAY_V2_API_URL: `${sandboxUrl}/v2/`,
      CINETPAY_API: options.api ?? 'v1',
      FULFILLMENT_WEBHOOK_URL: `${sandboxUrl}/__sandbox/webhook`,
      ALLOWED_ORIGINS: `${workerUrl},http://localhost:${workerPort}`,
      PUBLIC_URL: workerUrl,
      ...options.workerVars,
    },
  };
  const started = await Promise.allSettled([
    startWranglerDev({
      name: 'sandbox',
      config: 'sandbox/wrangler.toml',
      port: sandboxPort,
      inspectorPort: sandboxPort + INSPECTOR_OFFSET,
      persistTo: join(persistTo, 'sandbox'),
      vars: { ...options.sandboxVars },
    }),
    // The order index's tables must exist before the Worker's first order writes to it.
    applyLocalD1Migrations({
      persistTo: join(persistTo, 'worker'),
      env: 'sandbox',
      logFile: join(ROOT, '.tmp', 'logs', `d1-migrations-${workerPort}.log`),
    }).then(() => startWranglerDev(workerOptions)),
  ]);
  const [sandbox, worker] = started;
  if (sandbox.status === 'fulfilled' && worker.status === 'fulfilled') {
    let current = worker.value;
    let restarts = 0;
    return {
      workerUrl,
      sandboxUrl,
      get worker() {
        return current;
      },
      sandbox: sandbox.value,
      restartWorker: async () => {
        await current.stop();
        restarts++;
        current = await startWranglerDev({ ...workerOptions, logFile: join(ROOT, '.tmp', 'logs', `worker-${workerPort}-restart-${restarts}.log`) });
      },
      stop: async () => {
        await Promise.all([current.stop(), sandbox.value.stop()]);
        forgetState();
      },
    };
  }
  await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  forgetState();
  throw started.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason;
}
