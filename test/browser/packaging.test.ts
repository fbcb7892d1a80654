/**
 * The built files as a merchant uses them: the classic IIFE script from a
 * plain `<script src>`, the ES module from another origin (which needs the
 * CORS header that `_headers` adds), and the size of what customers download.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/wrangler-dev';
import { expectText, launchBrowser, NNBSP, type TestBrowser, TestPages, urls } from './support';

const { worker, sandbox, pages: pagesOrigin } = urls();
let chromium: TestBrowser;
let pages: TestPages;

/**
 * A regression ceiling, not the goal: the target is 9 kB gzip for
 * both elements with Lit; today's build is about 13.8 kB (see docs/widget.md),
 * the open-amount bounds check and the refused-origin text and the status element's download link
 * (digital delivery) included.
 * Fails if the drop-in grows by more than half a kilobyte.
 */
const GZIP_CEILING_BYTES = 14_700;

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

describe('the classic script (cinetpay-button.iife.js)', () => {
  it('works from a plain <script src> on another origin: elements defined, price fetched, payment started', async () => {
    const url = pages.set(
      '/iife.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>IIFE</title>
<script src="${worker}/cinetpay-button.iife.js"></script></head>
<body><cinetpay-button endpoint="${worker}" product="casquette"></cinetpay-button></body></html>`,
    );
    const page = await chromium.newPage();
    await page.goto(url);
    const globals = await page.evaluate(() => {
      const exported = (window as unknown as { CinetpayEdge?: Record<string, unknown> }).CinetpayEdge ?? {};
      return {
        exports: Object.keys(exported).sort(),
        sameClass: customElements.get('cinetpay-button') === exported['CinetpayButtonElement'],
        status: customElements.get('cinetpay-status') === exported['CinetpayStatusElement'],
      };
    });
    expect(globals.exports).toEqual(expect.arrayContaining(['CinetpayButtonElement', 'CinetpayStatusElement', 'defineCinetpayElements']));
    expect(globals.sameClass).toBe(true);
    expect(globals.status).toBe(true);
    await expectText(page.locator('cinetpay-button button'), `Payer 2${NNBSP}500${NNBSP}F${NNBSP}CFA`);
    await page.locator('cinetpay-button button').click();
    await page.waitForURL(`${sandbox}/`);
    expect(await page.locator('#designation').innerText()).toBe('Casquette brodée');
  });
});

describe('the ES module (cinetpay-button.js)', () => {
  it('is served with Access-Control-Allow-Origin: * and loads as a cross-origin module script', async () => {
    const response = await fetch(`${worker}/cinetpay-button.js`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/javascript/);

    const url = pages.set(
      '/module.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ESM</title>
<script type="module" src="${worker}/cinetpay-button.js"></script></head>
<body><cinetpay-button endpoint="${worker}" product="ebook-attieke"></cinetpay-button></body></html>`,
    );
    const page = await chromium.newPage();
    const failures: string[] = [];
    page.on('requestfailed', (request) => failures.push(request.url()));
    await page.goto(url);
    await expectText(page.locator('cinetpay-button button'), `Pay 1,500${NNBSP}F${NNBSP}CFA`);
    expect(failures).toEqual([]);
  });

  it('defining twice is harmless: a second copy of the script does not throw', async () => {
    const url = pages.set(
      '/twice.html',
      `<!doctype html><meta charset="utf-8"><title>twice</title>
<script src="/widget/cinetpay-button.iife.js"></script><script type="module" src="/widget/cinetpay-button.js"></script>
<cinetpay-button endpoint="${worker}" product="tshirt-m"></cinetpay-button>`,
    );
    const page = await chromium.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await expectText(page.locator('cinetpay-button button'), `Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    expect(errors).toEqual([]);
  });
});

describe('download size', () => {
  it.each(['cinetpay-button.js', 'cinetpay-button.iife.js'])('%s stays under the regression ceiling (gzip)', (file) => {
    const gzip = gzipSync(readFileSync(join(ROOT, 'dist', 'widget', file)), { level: 9 }).length;
    expect(gzip).toBeLessThan(GZIP_CEILING_BYTES);
  });
});
