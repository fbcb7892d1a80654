/**
 * The local stack as a developer lives with it: `npm start` running while
 * something else builds, or while another program holds a port. A build
 * must leave a running stack serving (each stack serves its own snapshot of
 * dist/site), and a stack must never take another program's server for its
 * own: a taken port fails loudly, naming the port and what to change.
 * `npm run sandbox` runs the sandbox alone the same way. Ports:
 * STACK_TEST_WORKER_PORT, STACK_TEST_SANDBOX_PORT, STACK_TEST_TAKEN_PORT
 * (24787, 24788, 24789); the sandbox alone on STACK_TEST_SANDBOX_PORT + 20.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack';
import { ROOT } from '../../scripts/wrangler-dev';

const WORKER_PORT = Number(process.env['STACK_TEST_WORKER_PORT'] ?? 24_787);
const SANDBOX_PORT = Number(process.env['STACK_TEST_SANDBOX_PORT'] ?? 24_788);
const TAKEN_PORT = Number(process.env['STACK_TEST_TAKEN_PORT'] ?? 24_789);
const BUILD = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'build-widget.ts')];

function build(): Promise<number | null> {
  return new Promise((done) => {
    spawn(process.execPath, BUILD, { cwd: ROOT, stdio: 'ignore' }).once('exit', done);
  });
}

describe('a running stack', () => {
  let stack: Stack | undefined;

  beforeAll(async () => {
    // On a fresh clone nothing is built yet; the stack needs the demo shop.
    if (!existsSync(join(ROOT, 'dist', 'site', 'index.html'))) spawnSync(process.execPath, BUILD, { cwd: ROOT, stdio: 'ignore' });
    stack = await startStack({ workerPort: WORKER_PORT, sandboxPort: SANDBOX_PORT });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps serving the shop, the widget and the API while `npm run build` rewrites dist/', async () => {
    const url = stack?.workerUrl ?? '';
    const statuses: number[] = [];
    const building = build();
    let finished = false;
    void building.then(() => {
      finished = true;
    });
    while (!finished) {
      for (const path of ['/', '/en/', '/cinetpay-button.js', '/healthz']) statuses.push((await fetch(`${url}${path}`)).status);
    }
    expect(await building).toBe(0);
    for (const path of ['/', '/cinetpay-button.js', '/success.html']) statuses.push((await fetch(`${url}${path}`)).status);
    expect(statuses.length).toBeGreaterThan(8);
    expect(new Set(statuses)).toEqual(new Set([200]));
  }, 120_000);
});

describe('npm run sandbox', () => {
  it('serves the sandbox on SANDBOX_PORT, with NOTIFY_RETRY_BASE_MS from the environment, and stops on Ctrl-C', async () => {
    const port = SANDBOX_PORT + 20;
    const sandbox = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'sandbox.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SANDBOX_PORT: String(port), NOTIFY_RETRY_BASE_MS: '100' },
    });
    const exited = new Promise<number | null>((done) => sandbox.once('exit', done));
    let printed = '';
    await new Promise<void>((done, fail) => {
      const read = (chunk: Buffer): void => {
        printed += chunk.toString('utf8');
        if (printed.includes('Ctrl-C to stop.')) done();
      };
      sandbox.stdout?.on('data', read);
      sandbox.stderr?.on('data', read);
      void exited.then((code) => fail(new Error(`npm run sandbox exited with ${code}:\n${printed}`)));
    });
    expect(printed).toContain(`CinetPay v1 sandbox on http://127.0.0.1:${port}`);
    const dashboard = await fetch(`http://127.0.0.1:${port}/__sandbox/`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('base delay 100 ms');
    sandbox.kill('SIGINT');
    await exited;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 120_000);
});

describe('a port taken by another program', () => {
  let intruder: Server;

  beforeAll(async () => {
    // Another program that answers HTTP, as an old `npm start` would: answering is not enough to be ours.
    intruder = createServer((_request, response) => response.end('{"status":"ok"}'));
    await new Promise<void>((done) => intruder.listen(TAKEN_PORT, '127.0.0.1', done));
  });

  afterAll(async () => {
    await new Promise((done) => intruder.close(done));
  });

  it("fails the stack's start, naming the port and the variable to change", async () => {
    await expect(
      startStack({ workerPort: TAKEN_PORT, sandboxPort: SANDBOX_PORT + 10, portVariables: { worker: 'WORKER_PORT', sandbox: 'SANDBOX_PORT' } }),
    ).rejects.toThrow(`Port ${TAKEN_PORT} (the Worker's HTTP port) is already taken by another process: stop it, or set WORKER_PORT to a free port.`);
  });

  it('fails for the sandbox port too, before starting anything', async () => {
    await expect(startStack({ workerPort: WORKER_PORT + 10, sandboxPort: TAKEN_PORT })).rejects.toThrow(
      `Port ${TAKEN_PORT} (the sandbox's HTTP port) is already taken`,
    );
  });
});
