/**
 * Runs one wrangler command to its end (not a server: see wrangler-dev.ts),
 * offline and quiet, its output in a log file; rejects, naming the log, when
 * it fails. The local set-up steps of a stack (D1 migrations, R2 seeding)
 * are such commands.
 */

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './wrangler-dev';

const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** `wrangler <args>`, appending its output to `logFile`. */
export function runWrangler(args: readonly string[], logFile: string): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(ROOT, '.tmp', 'xdg'), WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`wrangler ${args.slice(0, 3).join(' ')} exited with ${code}; see ${logFile}`))));
  });
}
