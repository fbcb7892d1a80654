/**
 * Starts the two local stacks of the resilience suite, each the real Worker
 * (its `sandbox` environment, short upstream timeout and webhook retry base)
 * and the real CinetPay sandbox (fast notification retries), each in
 * `wrangler dev` on loopback, with their state persisted in a fresh folder
 * under .tmp/:
 *
 * - `main`, for every file but heal.test.ts. No order re-checks itself while
 *   the suite runs (RECHECK_SCHEDULE `1d`): the sandbox's faults are armed per
 *   method, not per order, so a scheduled re-check of some other order would
 *   take a fault a test armed for its own, and a recovery the test expects
 *   from a notification or a return could come from the schedule instead.
 *   Ports RESILIENCE_WORKER_PORT / RESILIENCE_SANDBOX_PORT (21787 / 21788).
 * - `heal`, for heal.test.ts: every order re-checks itself on a schedule in
 *   seconds (SETTINGS below). Ports RESILIENCE_HEAL_WORKER_PORT /
 *   RESILIENCE_HEAL_SANDBOX_PORT (21789 / 21790).
 * - `v2`, for v2.test.ts: like `main`, with `CINETPAY_API = "v2"`. Ports
 *   RESILIENCE_V2_WORKER_PORT / RESILIENCE_V2_SANDBOX_PORT (21797 / 21798),
 *   RESILIENCE_2026_WORKER_PORT / RESILIENCE_2026_SANDBOX_PORT (21807 / 21808): the 2026 API.
 *
 * Inspector ports are 1,000 above (scripts/stack.ts). Since this process owns
 * the stacks, it also serves a tiny control endpoint on loopback through
 * which a test asks it to stop and start a stack's Worker alone, and to list
 * that Worker's log files.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type Stack, startStack } from '../../scripts/stack';
import { ROOT } from '../../scripts/wrangler-dev';

export type StackName = 'main' | 'heal' | 'v2' | 'api2026';

export interface ResilienceStack {
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  /** `POST {controlUrl}/restart-worker`, `GET {controlUrl}/worker-logs`. */
  readonly controlUrl: string;
  /** The Worker's RECHECK_SCHEDULE, in milliseconds after checkout. */
  readonly recheckScheduleMs: readonly number[];
  /** The Worker's UPSTREAM_TIMEOUT_MS. */
  readonly upstreamTimeoutMs: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    resilienceStacks: Readonly<Record<StackName, ResilienceStack>>;
  }
}

/** What differs between the stacks: when orders re-check themselves (seconds after checkout), and how long a CinetPay call may take. */
const SETTINGS: Readonly<Record<StackName, { readonly scheduleS: readonly number[]; readonly upstreamTimeoutMs: number }>> = {
  // One day: longer than any run of the suite.
  main: { scheduleS: [86_400], upstreamTimeoutMs: 1_000 },
  // Hundreds of orders re-checking themselves load the machine: few offsets, and a check gets more time than on the main stack.
  heal: { scheduleS: [2, 5, 10, 20, 40], upstreamTimeoutMs: 3_000 },
  v2: { scheduleS: [86_400], upstreamTimeoutMs: 1_000 },
  api2026: { scheduleS: [86_400], upstreamTimeoutMs: 1_000 },
};
const SANDBOX_VARS = { NOTIFY_RETRY_BASE_MS: '200' } as const;

function workerVars(name: StackName): Record<string, string> {
  const { scheduleS, upstreamTimeoutMs } = SETTINGS[name];
  return {
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
    WEBHOOK_RETRY_BASE_MS: '200',
    RECHECK_SCHEDULE: scheduleS.map((seconds) => `${seconds}s`).join(','),
  };
}

function described(name: StackName, stack: Stack, controlUrl: string): ResilienceStack {
  const { scheduleS, upstreamTimeoutMs } = SETTINGS[name];
  return {
    workerUrl: stack.workerUrl,
    sandboxUrl: stack.sandboxUrl,
    controlUrl,
    recheckScheduleMs: scheduleS.map((seconds) => seconds * 1_000),
    upstreamTimeoutMs,
  };
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a TCP port, got ${JSON.stringify(process.env[name])}`);
  return value;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A stack's Worker: restarted one at a time, its log files listed across restarts. */
class Controlled {
  readonly #stack: Stack;
  readonly #logFiles: string[];
  #restarting: Promise<void> = Promise.resolve();

  constructor(stack: Stack) {
    this.#stack = stack;
    this.#logFiles = [stack.worker.logFile];
  }

  get logFiles(): readonly string[] {
    return this.#logFiles;
  }

  restart(): Promise<void> {
    this.#restarting = this.#restarting.then(async () => {
      await this.#stack.restartWorker();
      this.#logFiles.push(this.#stack.worker.logFile);
    });
    return this.#restarting;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, '.tmp', 'resilience-'));
  const started = await Promise.allSettled([
    startStack({
      workerPort: port('RESILIENCE_WORKER_PORT', 21_787),
      sandboxPort: port('RESILIENCE_SANDBOX_PORT', 21_788),
      persistTo: join(persistTo, 'main'),
      workerVars: workerVars('main'),
      sandboxVars: SANDBOX_VARS,
    }),
    startStack({
      workerPort: port('RESILIENCE_HEAL_WORKER_PORT', 21_789),
      sandboxPort: port('RESILIENCE_HEAL_SANDBOX_PORT', 21_790),
      persistTo: join(persistTo, 'heal'),
      workerVars: workerVars('heal'),
      sandboxVars: SANDBOX_VARS,
    }),
    startStack({
      api: 'v2',
      workerPort: port('RESILIENCE_V2_WORKER_PORT', 21_797),
      sandboxPort: port('RESILIENCE_V2_SANDBOX_PORT', 21_798),
      persistTo: join(persistTo, 'v2'),
      workerVars: workerVars('v2'),
      sandboxVars: SANDBOX_VARS,
    }),
    startStack({
      api: '2026',
      workerPort: port('RESILIENCE_2026_WORKER_PORT', 21_807),
      sandboxPort: port('RESILIENCE_2026_SANDBOX_PORT', 21_808),
      persistTo: join(persistTo, 'api2026'),
      workerVars: workerVars('api2026'),
      sandboxVars: SANDBOX_VARS,
    }),
  ]);
  const [main, heal, v2, api2026] = started;
  if (main?.status !== 'fulfilled' || heal?.status !== 'fulfilled' || v2?.status !== 'fulfilled' || api2026?.status !== 'fulfilled') {
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
    rmSync(persistTo, { recursive: true, force: true });
    throw started.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason;
  }
  const stacks: Record<StackName, Stack> = { main: main.value, heal: heal.value, v2: v2.value, api2026: api2026.value };
  const controlled: Record<StackName, Controlled> = {
    main: new Controlled(main.value),
    heal: new Controlled(heal.value),
    v2: new Controlled(v2.value),
    api2026: new Controlled(api2026.value),
  };

  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const [, name, action] = /^\/(main|heal|v2|api2026)\/(restart-worker|worker-logs)$/.exec(request.url ?? '') ?? [];
    const target = name === 'main' || name === 'heal' || name === 'v2' || name === 'api2026' ? controlled[name] : undefined;
    if (target && request.method === 'POST' && action === 'restart-worker') {
      const began = Date.now();
      target.restart().then(
        () => reply(200, { restartedInMs: Date.now() - began }),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (target && request.method === 'GET' && action === 'worker-logs') return reply(200, { files: target.logFiles });
    reply(404, { error: 'POST /{main|heal|v2|api2026}/restart-worker or GET /{main|heal|v2|api2026}/worker-logs' });
  });
  const controlPort = await listen(server);
  const control = `http://127.0.0.1:${controlPort}`;

  project.provide('resilienceStacks', {
    main: described('main', stacks.main, `${control}/main`),
    heal: described('heal', stacks.heal, `${control}/heal`),
    v2: described('v2', stacks.v2, `${control}/v2`),
    api2026: described('api2026', stacks.api2026, `${control}/api2026`),
  });
  return async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await Promise.all([stacks.main.stop(), stacks.heal.stop(), stacks.v2.stop(), stacks.api2026.stop()]);
    rmSync(persistTo, { recursive: true, force: true });
  };
}
