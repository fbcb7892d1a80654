/**
 * Uploads the demo shop's files (demo/files/, one object per file, keyed by
 * its path there) to the local FILES bucket (R2) of a Worker state folder,
 * with the same `--persist-to` as its `wrangler dev`: the demo's e-book is
 * then delivered by `/download` exactly as a merchant's would be from R2.
 * Uploading again replaces each object, so a persisted folder stays current.
 */

import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { runWrangler } from './wrangler-command';
import { ROOT } from './wrangler-dev';

/** The sandbox environment's bucket (wrangler.toml, `[[env.sandbox.r2_buckets]]`). */
const SANDBOX_BUCKET = 'cinetpay-files-sandbox';
const FILES = join(ROOT, 'demo', 'files');
const CONTENT_TYPES: Readonly<Record<string, string>> = { '.pdf': 'application/pdf', '.epub': 'application/epub+zip', '.zip': 'application/zip' };

export interface SeedOptions {
  /** The same folder as `wrangler dev --persist-to`. */
  readonly persistTo: string;
  readonly logFile: string;
}

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)]));
}

/** Runs `wrangler r2 object put <bucket>/<key> --local` for each demo file, one after another. */
export async function seedLocalFiles(options: SeedOptions): Promise<void> {
  for (const path of files(FILES)) {
    const key = relative(FILES, path).split('\\').join('/');
    const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
    const args = ['r2', 'object', 'put', `${SANDBOX_BUCKET}/${key}`, '--local', '--file', path, '--content-type', type];
    await runWrangler([...args, '-c', 'wrangler.toml', '--env', 'sandbox', '--persist-to', options.persistTo], options.logFile);
  }
}
