/**
 * The npm package as a merchant's bundler meets it: `npm pack` makes the
 * tarball, a fresh Vite project installs it (from npm's cache where it can: the
 * package has no dependency of its own, `lit` is its peer) and imports
 * `cinetpay-edge/define`, and the page Vite builds shows a working button.
 * The package is not on the registry (see docs/widget.md): this tarball is
 * what a merchant installs.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/wrangler-dev';
import { expectText, launchBrowser, NNBSP, type TestBrowser, TestPages, urls } from './support';

const { worker, pages: pagesOrigin } = urls();
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let chromium: TestBrowser;
let pages: TestPages;
let project: string;

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
  project = mkdtempSync(join(tmpdir(), 'cinetpay-edge-vite-'));
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
  rmSync(project, { recursive: true, force: true });
});

describe('npm pack -> npm install in a fresh Vite project', () => {
  it("installs with lit alone, imports cinetpay-edge/define, and the built page's button works", async () => {
    execFileSync(NPM, ['pack', '--silent', '--pack-destination', project], { cwd: ROOT, stdio: 'ignore' });
    const [tarball] = readdirSync(project).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^cinetpay-edge-\d+\.\d+\.\d+\.tgz$/);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'merchant-shop', private: true, type: 'module' }));
    execFileSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`, `lit@${readPackage(ROOT, 'lit').version}`], {
      cwd: project,
      stdio: 'ignore',
    });
    expect(readdirSync(join(project, 'node_modules')).sort()).toEqual(expect.arrayContaining(['cinetpay-edge', 'lit']));

    writeFileSync(join(project, 'main.js'), "import 'cinetpay-edge/define';\n");
    await build({ root: project, configFile: false, logLevel: 'silent', build: { outDir: 'dist', rollupOptions: { input: join(project, 'main.js') } } });
    const [bundle] = readdirSync(join(project, 'dist', 'assets')).filter((name) => name.endsWith('.js'));
    const script = readFileSync(join(project, 'dist', 'assets', bundle ?? ''), 'utf8');

    const url = pages.set(
      '/vite.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite</title><script type="module">${script}</script></head>
<body><cinetpay-button endpoint="${worker}" product="casquette"></cinetpay-button></body></html>`,
    );
    const page = await chromium.newPage();
    await page.goto(url);
    await expectText(page.locator('cinetpay-button button'), `Pay 2,500${NNBSP}F${NNBSP}CFA`);
    expect(await page.evaluate(() => customElements.get('cinetpay-status') !== undefined)).toBe(true);
  }, 120_000);
});

function readPackage(root: string, name: string): { readonly version: string } {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { readonly version: string };
}
