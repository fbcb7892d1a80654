/**
 * Starts one `wrangler dev` process on loopback and waits until it answers:
 * the building block of `npm start`, the browser tests and the benchmarks,
 * which all run the real Worker and the real sandbox in workerd over real
 * HTTP. Each process gets its own inspector port so that several stacks can
 * run at once, and is stopped with its whole process group.
 *
 * A server is ours only when wrangler itself says it is listening: another
 * program already on the port (another stack, an old `npm start`) would
 * answer HTTP too, and a suite would then test the wrong server. So both
 * ports are checked free before the start, and readiness is wrangler's own
 * "Ready on" line for our URL, never just any answer on the port.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export interface WranglerDevOptions {
  /** Path of the wrangler.toml, relative to the repository root. */
  readonly config: string;
  readonly port: number;
  readonly inspectorPort: number;
  /** A `[env.NAME]` of the config. */
  readonly env?: string;
  /** `--var NAME:value` overrides. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Keep Durable Object and D1 state in this folder across restarts. */
  readonly persistTo?: string;
  /** Where to write the process's output; by default `.tmp/logs/<name>-<port>.log`. */
  readonly logFile?: string;
  /** A short name for logs and errors. */
  readonly name: string;
  /** Serve these static assets instead of the config's `[assets] directory` (a snapshot a later build cannot touch). */
  readonly assets?: string;
  /** The environment variable that chooses `port`, named in the error when the port is taken. */
  readonly portVariable?: string;
}

export interface RunningWorker {
  readonly url: string;
  readonly logFile: string;
  /** wrangler's process (its runtime, workerd, runs below it). */
  readonly pid: number;
  stop(): Promise<void>;
}

function args(options: WranglerDevOptions): string[] {
  const list = [
    WRANGLER,
    'dev',
    '-c',
    options.config,
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--inspector-port',
    String(options.inspectorPort),
    '--show-interactive-dev-session=false',
  ];
  if (options.env) list.push('--env', options.env);
  if (options.persistTo) list.push('--persist-to', options.persistTo);
  if (options.assets) list.push('--assets', options.assets);
  for (const [name, value] of Object.entries(options.vars ?? {})) list.push('--var', `${name}:${value}`);
  return list;
}

/** Resolves when nothing listens on 127.0.0.1:`port`, rejects with what to do when something does. */
export function ensurePortFree(port: number, what: string, variable?: string): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const change = variable ? `, or set ${variable} to a free port` : '';
      fail(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already taken by another process: stop it${change}.`
            : `Port ${port} (${what}) cannot be used: ${error.message}`,
        ),
      );
    });
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => done()));
  });
}

/** Waits for wrangler's "Ready on <url>" line, then for the URL to answer; fails as soon as the process exits. */
async function waitUntilReady(url: string, child: ChildProcess, name: string, logFile: string): Promise<void> {
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        const taken = /Address already in use \(([^)]+)\)/.exec(output);
        throw new Error(
          taken
            ? `${name} could not listen on ${taken[1]}: the address is already taken by another process; see ${logFile}`
            : `${name} exited with code ${child.exitCode} before it was ready; see ${logFile}`,
        );
      }
      if (output.includes(`Ready on ${url}`)) {
        try {
          await fetch(url, { signal: AbortSignal.timeout(1_000) });
          return;
        } catch {
          // Bound but not answering yet: try again below.
        }
      }
      await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error(`${name} did not answer on ${url} within ${READY_TIMEOUT_MS} ms; see ${logFile}`);
  } finally {
    child.stdout?.off('data', collect);
    child.stderr?.off('data', collect);
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

/** Starts `wrangler dev` and resolves once it says it listens on its URL and the URL answers HTTP. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<RunningWorker> {
  await ensurePortFree(options.port, `${options.name}'s HTTP port`, options.portVariable);
  await ensurePortFree(options.inspectorPort, `${options.name}'s inspector port, its HTTP port + 1000`, options.portVariable);
  const logFile = options.logFile ?? join(ROOT, '.tmp', 'logs', `${options.name}-${options.port}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const xdg = join(ROOT, '.tmp', 'xdg');
  const child = spawn(process.execPath, args(options), {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // WRANGLER_LOG at its default level: readiness is wrangler's own "Ready on" line, whatever the caller's level.
    env: { ...process.env, XDG_CONFIG_HOME: xdg, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'log', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(url, child, options.name, logFile);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, logFile, pid: child.pid ?? 0, stop: () => stopProcess(child) };
}
