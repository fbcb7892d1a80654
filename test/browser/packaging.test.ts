/**
 * The built files as a merchant uses them: the classic IIFE scripts from a
 * plain `<script src>`, the ES module from another origin (which needs the
 * CORS header that `_headers` adds), and the size of what customers download:
 * each drop-in script under its ceiling (scripts/widget-budget.ts).
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weighDropIns } from '../../scripts/widget-budget';
import { ROOT } from '../../scripts/wrangler-dev';
import { payOrder, startOrder } from './console-support';
import { expectText, launchBrowser, NNBSP, statusCard, type TestBrowser, TestPages, urls, waitForPage } from './support';

const { worker, sandbox, pages: pagesOrigin } = urls();
let chromium: TestBrowser;
let pages: TestPages;

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

describe('the classic scripts (*.iife.js)', () => {
  it('the all-in-one works from a plain <script src> on another origin: elements defined, price fetched, payment started', async () => {
    const url = pages.set(
      '/iife.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>IIFE</title>
<script src="${worker}/cinetpay-elements.iife.js"></script></head>
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
    await waitForPage(page, `${sandbox}/`);
    expect(await page.locator('#designation').innerText()).toBe('Casquette brodée');
  });

  it('the two per-page scripts on one page add to the same CinetpayEdge global, and each defines only its own tag', async () => {
    const onlyButton = pages.set(
      '/iife-button.html',
      `<!doctype html><meta charset="utf-8"><title>button</title><script src="/widget/cinetpay-button.iife.js"></script>`,
    );
    const page = await chromium.newPage();
    await page.goto(onlyButton);
    expect(await page.evaluate(() => [Boolean(customElements.get('cinetpay-button')), Boolean(customElements.get('cinetpay-status'))])).toEqual([true, false]);
    const both = pages.set(
      '/iife-both.html',
      `<!doctype html><meta charset="utf-8"><title>both</title>
<script src="/widget/cinetpay-button.iife.js"></script><script src="/widget/cinetpay-status.iife.js"></script>`,
    );
    await page.goto(both);
    const exported = await page.evaluate(() => Object.keys((window as unknown as { CinetpayEdge?: Record<string, unknown> }).CinetpayEdge ?? {}).sort());
    expect(exported).toEqual(expect.arrayContaining(['CinetpayButtonElement', 'CinetpayStatusElement', 'CinetpayErrorEvent', 'CinetpayStatusEvent']));
  });
});

describe('the all-in-one ES module (cinetpay-elements.js)', () => {
  // The element suites load the per-page scripts; the all-in-one bundles the same two classes, so one page with
  // both elements shows it whole: each renders, talks to the Worker, and the button still starts a payment.
  it('on another origin: a paid order’s status and a working button, from one module script', async () => {
    const paid = await startOrder(worker, { product: 'casquette' });
    await payOrder(sandbox, paid);
    const url = pages.set(
      '/all-in-one.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>All-in-one</title>
<script type="module" src="${worker}/cinetpay-elements.js"></script></head>
<body><cinetpay-status endpoint="${worker}" trans-id="${paid.transId}"></cinetpay-status>
<cinetpay-button endpoint="${worker}" product="tshirt-m"></cinetpay-button></body></html>`,
    );
    const page = await chromium.newPage();
    await page.goto(url);
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Paiement confirmé');
    await expectText(page.locator('cinetpay-button button'), `Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    await page.locator('cinetpay-button button').click();
    await waitForPage(page, `${sandbox}/`);
    expect(await page.locator('#designation').innerText()).toBe('T-shirt CinetPay (M)');
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
  it.each(weighDropIns(join(ROOT, 'dist', 'widget')).map((weight) => [weight.file, weight] as const))(
    '%s stays under its ceiling (gzip, Lit included)',
    (_file, weight) => {
      expect(weight.gzip).toBeLessThanOrEqual(weight.ceiling);
    },
  );
});
