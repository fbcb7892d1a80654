/**
 * `npm run deploy:check`: what `npm run deploy` would ship, built offline
 * with `--dry-run` from the production configuration (the top-level
 * environment, `--env=""`). Builds the widget first, since the production
 * assets are its files, so it works on a fresh clone with nothing built.
 * Prints the bundle size and fails if anything of the sandbox, or a sandbox
 * credential, made it in.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './wrangler-dev';

const FORBIDDEN = ['SandboxState', 'sandbox-apikey-not-a-secret', 'sandbox-admin-token', '__sandbox'];

execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'build-widget.ts')], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const outdir = mkdtempSync(join(tmpdir(), 'cinetpay-edge-deploy-'));
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
execFileSync(process.execPath, [join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'deploy', '--env=', '--dry-run', '--outdir', outdir], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, XDG_CONFIG_HOME: process.env['XDG_CONFIG_HOME'] ?? join(ROOT, '.tmp', 'xdg'), WRANGLER_SEND_METRICS: 'false' },
});

let failed = false;
for (const file of readdirSync(outdir).filter((name) => name.endsWith('.js'))) {
  const code = readFileSync(join(outdir, file), 'utf8');
  const raw = statSync(join(outdir, file)).size;
  console.log(`${file}: ${(raw / 1024).toFixed(1)} KiB raw, ${(gzipSync(code).length / 1024).toFixed(1)} KiB gzip`);
  for (const word of FORBIDDEN.filter((forbidden) => code.includes(forbidden))) {
    console.error(`${file} contains "${word}": the sandbox must never be deployed`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log('The production bundle holds no part of the sandbox.');
