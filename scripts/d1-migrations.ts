/**
 * Applies worker/migrations/ to the local order index (D1) of a Worker state
 * folder, as `wrangler d1 migrations apply ORDER_DB --local` does by hand:
 * `npm start`, the browser tests and the benchmarks run it before their
 * `wrangler dev`, with the same `--persist-to`, so the Worker finds its
 * tables. Already applied migrations are skipped, so a persisted state
 * folder (npm start's .tmp/state) is brought up to date on each start.
 */

import { runWrangler } from './wrangler-command';

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
  const args = ['d1', 'migrations', 'apply', 'ORDER_DB', '--local', '-c', 'wrangler.toml', '--persist-to', options.persistTo];
  if (options.env) args.push('--env', options.env);
  return runWrangler(args, options.logFile);
}
