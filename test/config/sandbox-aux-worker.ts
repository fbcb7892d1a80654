/**
 * The sandbox as an auxiliary Worker beside the Worker under test, so that
 * workerd integration tests run the real flow: every outbound fetch of the
 * Worker (CinetPay API, hosted page, webhook receiver) reaches the sandbox,
 * and every outbound fetch of the sandbox (notifications) reaches the Worker.
 * The sandbox is bundled with esbuild when the vitest config loads.
 */

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The name miniflare gives the Worker under test in a vitest project named `project`. */
export function runnerName(project: string): string {
  return `vitest-pool-workers-runner-${project}`;
}

/** Options for `miniflare.workers`: the sandbox named `sandbox`, its own config's bindings plus `vars`. */
export function sandboxAuxWorker(project: string, vars: Readonly<Record<string, string>> = {}) {
  const outdir = join(ROOT, '.tmp', `sandbox-bundle-${project}`);
  mkdirSync(outdir, { recursive: true });
  const scriptPath = join(outdir, 'index.js');
  buildSync({
    entryPoints: [join(ROOT, 'sandbox', 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['cloudflare:*'],
    outfile: scriptPath,
    logLevel: 'error',
  });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'sandbox', 'wrangler.toml'));
  return {
    name: 'sandbox',
    modules: true,
    scriptPath,
    compatibilityDate: workerOptions.compatibilityDate,
    bindings: { ...workerOptions.bindings, ...vars },
    durableObjects: workerOptions.durableObjects,
    outboundService: runnerName(project),
  };
}
