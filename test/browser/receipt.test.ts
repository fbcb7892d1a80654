/**
 * The receipt page in a real browser: its one inline style is allowed by the
 * Content-Security-Policy hash the Worker sends (a wrong hash would leave it
 * unstyled, with a console error), it fits a phone, and printing hides what
 * only a screen needs.
 */

import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchBrowser, NNBSP, returnPage, type TestBrowser, urls, waitForPage } from './support';

const { worker, sandbox } = urls();
let chromium: TestBrowser;

beforeAll(async () => {
  chromium = await launchBrowser();
});

afterAll(async () => {
  await chromium.close();
});

/** Buys the T-shirt through the shop and the hosted page; returns the paid order's transaction id. */
async function paidTransId(page: Page): Promise<string> {
  await page.goto(`${worker}/`);
  await page.locator('#tshirt-m cinetpay-button button').click();
  await waitForPage(page, `${sandbox}/`);
  const transId = (await page.locator('#trans-id').innerText()).trim();
  await choose(page, 'success-om');
  await waitForPage(page, returnPage(worker, 'success'));
  await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
  return transId;
}

describe('the receipt page', () => {
  it('is styled under its own CSP, fits a phone, and prints without the screen-only hint', async () => {
    const page = await chromium.newPage();
    const transId = await paidTransId(page);
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.setViewportSize({ width: 360, height: 740 });
    const response = await page.goto(`${worker}/receipt/${transId}`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Reçu de paiement');
    expect(await page.locator('dd.amount').innerText()).toBe(`5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    // The stylesheet applied: the paid badge is green, not the browser's default transparent.
    expect(await page.locator('.status.paid').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(227, 246, 232)');
    expect(problems).toEqual([]);
    // Nothing wider than a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    expect(await page.locator('.hint').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.hint').isVisible()).toBe(false);
    expect(await page.locator('dd.transId').isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  });
});
