/**
 * The whole local stack: the sandbox (CinetPay v1, v2 and 2026 emulator) and the Worker in
 * its `sandbox` environment, each in its own `wrangler dev` on loopback,
 * talking to each other over real HTTP. `npm start`, the browser tests and
 * the benchmarks all start it through here, on ports they choose, so that
 * several stacks can run at once. Each Worker state gets the order index's
 * tables and the demo's files (R2) before its Worker starts. Run `npm run build` first: the Worker
 * serves the widget and the demo shop from `dist/site`.
 *
 * Each stack serves its own copy of `dist/site`, taken when it starts, so a
 * build while it runs (`npm run build`, a test suite, the bench) changes
 * nothing under it: a running `npm start` keeps serving what it started with.
 */

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLocalD1Migrations } from './d1-migrations';
import { seedLocalFiles } from './r2-seed';
import { ensurePortFree, ROOT, type RunningWorker, startWranglerDev, type WranglerDevOptions } from './wrangler-dev';

export const DEFAULT_WORKER_PORT = 8787;
export const DEFAULT_SANDBOX_PORT = 8788;
/**
 * Inspector ports sit this far above the HTTP port. The suites' stacks sit
 * apart (npm start 8787, browser 18787, resilience 21787, the stack test
 * 24787, bench 28787), so an offset of 1 000 keeps every port of every stack
 * distinct; and all below 32768, where Linux starts handing out ephemeral
 * ports: a port in that range can be held, for a moment, by any outgoing
 * connection of the run, and a stack (re)binding it then fails.
 */
const INSPECTOR_OFFSET = 1_000;

/** CinetPay's API generations, as `CINETPAY_API` names them. */
export const API_GENERATIONS = ['v1', 'v2', '2026'] as const;
export type ApiGeneration = (typeof API_GENERATIONS)[number];

export interface StackOptions {
  /** The CinetPay API the Worker creates orders with (`CINETPAY_API`); v1 by default. */
  readonly api?: ApiGeneration;
  readonly workerPort?: number;
  readonly sandboxPort?: number;
  /** Keep Durable Object and D1 state here across restarts (one sub-folder per Worker); by default a fresh folder under .tmp/, removed by `stop()`. */
  readonly persistTo?: string;
  /** Extra `--var` overrides for the Worker. */
  readonly workerVars?: Readonly<Record<string, string>>;
  /** Origins allowed beside the Worker's own (`ALLOWED_ORIGINS`): pages on another origin that show the button. */
  readonly extraOrigins?: readonly string[];
  /** The environment variables that chose the two ports, named in the error when one is taken. */
  readonly portVariables?: { readonly worker: string; readonly sandbox: string };
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

/** `CINETPAY_API` from the environment: `v1` when unset; anything but v1, v2 or 2026 stops with a message. */
export function apiFromEnvironment(): ApiGeneration {
  const value = process.env['CINETPAY_API'] ?? 'v1';
  const known = API_GENERATIONS.find((generation) => generation === value);
  if (known) return known;
  throw new Error(`CINETPAY_API must be "v1", "v2" or "2026", got ${JSON.stringify(value)}`);
}

/** Starts the sandbox and the Worker side by side; if either fails, stops the other. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const workerPort = options.workerPort ?? DEFAULT_WORKER_PORT;
  const sandboxPort = options.sandboxPort ?? DEFAULT_SANDBOX_PORT;
  // Before anything starts: a taken port is the most common reason a stack cannot run, and it should read as such.
  await ensurePortFree(workerPort, "the Worker's HTTP port", options.portVariables?.worker);
  await ensurePortFree(sandboxPort, "the sandbox's HTTP port", options.portVariables?.sandbox);
  const site = join(ROOT, 'dist', 'site');
  if (!existsSync(join(site, 'index.html')) || !existsSync(join(site, 'cinetpay-button.js'))) {
    throw new Error('dist/site is missing or incomplete: run `npm run build` first (the Worker serves the widget and the demo shop from it).');
  }
  const snapshot = mkdtempSync(join(tmpdir(), `cinetpay-edge-site-${workerPort}-`));
  cpSync(site, snapshot, { recursive: true });
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const workerUrl = `http://127.0.0.1:${workerPort}`;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const temporary = options.persistTo === undefined;
  const persistTo = options.persistTo ?? mkdtempSync(join(ROOT, '.tmp', 'stack-'));
  const forgetState = (): void => {
    rmSync(snapshot, { recursive: true, force: true });
    if (temporary) rmSync(persistTo, { recursive: true, force: true });
  };
  const workerOptions: WranglerDevOptions = {
    name: 'worker',
    config: 'wrangler.toml',
    env: 'sandbox',
    port: workerPort,
    inspectorPort: workerPort + INSPECTOR_OFFSET,
    persistTo: join(persistTo, 'worker'),
    assets: snapshot,
    ...(options.portVariables ? { portVariable: options.portVariables.worker } : {}),
    vars: {
      CINETPAY_API_URL: `${sandboxUrl}/v1/`,
      CINETPAY_CHECKOUT_URL: `${sandboxUrl}/`,
      CINETPAY_V2_API_URL: `${sandboxUrl}/v2/`,
      CINETPAY_2026_API_URL: `${sandboxUrl}/`,
      CINETPAY_API: options.api ?? 'v1',
      FULFILLMENT_WEBHOOK_URL: `${sandboxUrl}/__sandbox/webhook`,
      TELEGRAM_API_URL: `${sandboxUrl}/__sandbox/telegram`,
      SLACK_WEBHOOK_URL: `${sandboxUrl}/__sandbox/slack/T0SANDBOX/B0SANDBOX/sandbox`,
      DISCORD_WEBHOOK_URL: `${sandboxUrl}/__sandbox/discord/1000000000/sandbox`,
      ALLOWED_ORIGINS: [workerUrl, `http://localhost:${workerPort}`, ...(options.extraOrigins ?? [])].join(','),
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
      ...(options.portVariables ? { portVariable: options.portVariables.sandbox } : {}),
      vars: { ...options.sandboxVars },
    }),
    // The order index's tables must exist before the Worker's first order writes to it, and the demo's files before a download.
    applyLocalD1Migrations({
      persistTo: join(persistTo, 'worker'),
      env: 'sandbox',
      logFile: join(ROOT, '.tmp', 'logs', `d1-migrations-${workerPort}.log`),
    })
      .then(() => seedLocalFiles({ persistTo: join(persistTo, 'worker'), logFile: join(ROOT, '.tmp', 'logs', `r2-seed-${workerPort}.log`) }))
      .then(() => startWranglerDev(workerOptions)),
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
