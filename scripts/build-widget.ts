/**
 * `npm run build`: the widget and everything served from it.
 *   dist/widget/  the drop-in scripts, each an ES module (`.js`) and a classic script
 *                 (`.iife.js`), each self-contained with Lit: cinetpay-button (the shop page's),
 *                 cinetpay-status (the return page's), cinetpay-elements (both, in one tag);
 *                 plus `_headers` (CORS for the scripts), and admin/console.js, the merchant
 *                 console's script (served to /admin/ only); production's Worker serves this folder.
 *   dist/site/    the demo shop with the same scripts: its pages rendered by demo/pages.ts, plus
 *                 demo/assets/; the sandbox environment serves it.
 *   dist/npm/     side-effect-free modules and .d.ts for bundlers (package.json `exports`).
 *   custom-elements.json, regenerated from the JSDoc.
 * Prints raw and gzip sizes of the drop-in scripts against their ceilings
 * (scripts/widget-budget.ts), and fails when one is over.
 */

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { demoPages } from '../demo/pages';
import { DROP_IN_SCRIPTS } from '../vite.config';
import { MANIFEST_PATH, manifestText } from './custom-elements-manifest';
import { overBudget, weighDropIns } from './widget-budget';
import { ROOT } from './wrangler-dev';

const DROP_IN_FILES = DROP_IN_SCRIPTS.flatMap((script) => [`${script}.js`, `${script}.iife.js`]);
const WIDGET_DIR = join(ROOT, 'dist', 'widget');
const SITE_DIR = join(ROOT, 'dist', 'site');
const NPM_DIR = join(ROOT, 'dist', 'npm');

/**
 * Cloudflare static assets honour `_headers`. A cross-origin
 * `<script type="module">` is fetched in CORS mode, so without this header a
 * merchant's page on another origin could not load the widget.
 */
const WIDGET_HEADERS = `${DROP_IN_FILES.map((file) => `/${file}\n  Access-Control-Allow-Origin: *\n  X-Content-Type-Options: nosniff\n`).join('')}/admin/console.js
  X-Content-Type-Options: nosniff
  Cache-Control: no-cache
`;

/**
 * The demo shop's own policy: the strictest one the widget works under, and
 * the one docs/widget.md tells merchants to adapt. `form-action` must allow
 * the hosted payment page (the local sandbox, on whatever port it runs);
 * with `form-action 'self'` alone the POST would be blocked without a sound.
 */
const SITE_HEADERS = `${WIDGET_HEADERS}/*
  Content-Security-Policy: default-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self' http://127.0.0.1:* http://localhost:*; base-uri 'self'; object-src 'none'
  Referrer-Policy: strict-origin-when-cross-origin
  X-Content-Type-Options: nosniff
`;

/** Prints each drop-in script's size and fails the build when one is over its ceiling. */
function sizes(): void {
  console.log('\nDrop-in scripts (Lit included):');
  const weights = weighDropIns(WIDGET_DIR);
  for (const weight of weights) {
    const over = weight.gzip > weight.ceiling ? `  OVER the ${(weight.ceiling / 1024).toFixed(1)} kB gzip ceiling` : '';
    console.log(
      `  dist/widget/${weight.file.padEnd(26)} ${(weight.raw / 1024).toFixed(2).padStart(6)} kB raw  ${(weight.gzip / 1024).toFixed(2).padStart(5)} kB gzip${over}`,
    );
  }
  const over = overBudget(weights);
  if (over.length > 0) throw new Error(`over the size ceiling: ${over.map((weight) => weight.file).join(', ')} (scripts/widget-budget.ts)`);
}

async function main(): Promise<void> {
  // Vite takes the build's flavour from NODE_ENV when it is set: a build started from a test (vitest sets
  // NODE_ENV=test) would otherwise bundle Lit's development build, 1.4 kB larger and noisy in the console.
  process.env['NODE_ENV'] = 'production';
  for (const dir of [WIDGET_DIR, SITE_DIR, NPM_DIR]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(WIDGET_DIR, { recursive: true });
  for (const mode of [...DROP_IN_SCRIPTS.flatMap((script) => [script, `${script}-iife`]), 'console', 'npm']) {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode, logLevel: 'warn' });
  }
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.widget-types.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('tsc could not write the declarations of dist/npm');
  writeFileSync(join(WIDGET_DIR, '_headers'), WIDGET_HEADERS);

  cpSync(join(ROOT, 'demo', 'assets'), join(SITE_DIR, 'assets'), { recursive: true });
  for (const page of demoPages()) {
    const file = join(SITE_DIR, page.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.html);
  }
  for (const file of DROP_IN_FILES) cpSync(join(WIDGET_DIR, file), join(SITE_DIR, file));
  cpSync(join(WIDGET_DIR, 'admin'), join(SITE_DIR, 'admin'), { recursive: true });
  writeFileSync(join(SITE_DIR, '_headers'), SITE_HEADERS);

  // Written aside, then renamed over the old one: a test reading it during a build never sees half a file.
  writeFileSync(`${MANIFEST_PATH}.tmp`, manifestText());
  renameSync(`${MANIFEST_PATH}.tmp`, MANIFEST_PATH);
  console.log('Built dist/widget, dist/site, dist/npm and custom-elements.json.');
  sizes();
}

await main();
