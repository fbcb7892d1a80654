/**
 * Starts ONE local stack for the whole resilience suite: the real Worker (its
 * `sandbox` environment, short upstream timeout and webhook retry base) and
 * the real CinetPay sandbox (fast notification retries), each in
 * `wrangler dev` on loopback, with their state persisted in a fresh folder
 * under .tmp/. Ports come from RESILIENCE_WORKER_PORT / RESILIENCE_SANDBOX_PORT
 * (default 38787 / 38788). Since this process owns the stack, it also serves
 * a tiny control endpoint on loopback through which the restart test asks it
 * to stop and start the Worker alone, and to list the Worker's log files.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack';
import { ROOT } from '../../scripts/wrangler-dev';

export interface ResilienceStack {
  readonly workerUrl: string;
  readonly sandboxUrl: string;
  /** `POST /restart-worker`, `GET /worker-logs`. */
  readonly controlUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    resilienceStack: ResilienceStack;
  }
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, '.tmp', 'resilience-'));
  const stack = await startStack({
    workerPort: port('RESILIENCE_WORKER_PORT', 38_787),
    sandboxPort: port('RESILIENCE_SANDBOX_PORT', 38_788),
    persistTo,
    workerVars: { UPSTREAM_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '200' },
    sandboxVars: { NOTIFY_RETRY_BASE_MS: '200' },
  });
  const logFiles = [stack.worker.logFile];
  let restarting: Promise<void> = Promise.resolve();

  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/restart-worker') {
      const started = Date.now();
      restarting = restarting.then(async () => {
        await stack.restartWorker();
        logFiles.push(stack.worker.logFile);
      });
      restarting.then(
        () => reply(200, { restartedInMs: Date.now() - started }),
        (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (request.method === 'GET' && request.url === '/worker-logs') return reply(200, { files: logFiles });
    reply(404, { error: 'POST /restart-worker or GET /worker-logs' });
  });
  const controlPort = await listen(server);

  project.provide('resilienceStack', { workerUrl: stack.workerUrl, sandboxUrl: stack.sandboxUrl, controlUrl: `http://127.0.0.1:${controlPort}` });
  return async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
