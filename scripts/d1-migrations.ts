/**
 * Applies worker/migrations/ to the local order index (D1) of a Worker state
 * folder, as `wrangler d1 migrations apply ORDER_DB --local` does by hand:
 * `npm start`, the browser tests and the benchmarks run it before their
 * `wrangler dev`, with the same `--persist-to`, so the Worker finds its
 * tables. Already applied migrations are skipped, so a persisted state
 * folder (npm start's .tmp/state) is brought up to date on each start.
 */

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './wrangler-dev';

const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export interface MigrationOptions {
  /** The same folder as `wrangler dev --persist-to`. */
  readonly persistTo: string;
  /** A `[env.NAME]` of wrangler.toml. */
  readonly env?: string;
  /** Where the command's output goes. */
  readonly logFile: string;
}

/** Runs `wrangler d1 migrations apply ORDER_DB --local`; rejects, naming the log, if it fails. */
export function applyLocalD1Migrations(options: MigrationOptions): Promise<void> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const args = [WRANGLER, 'd1', 'migrations', 'apply', 'ORDER_DB', '--local', '-c', 'wrangler.toml', '--persist-to', options.persistTo];
  if (options.env) args.push('--env', options.env);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(ROOT, '.tmp', 'xdg'), WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`wrangler d1 migrations apply exited with ${code}; see ${options.logFile}`))));
  });
}
