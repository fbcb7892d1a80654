/**
 * Payment links in a real browser, against the real Worker and sandbox: a
 * customer opens `/pay/<product>` (as from a WhatsApp message or a printed
 * QR code), with JavaScript off and on, pays on the hosted page and ends on
 * an order the Worker verified. Then a paid e-book: the status element's
 * download button saves the very file the local R2 bucket holds.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/wrangler-dev';
import type { PublicOrder } from '../../shared/api/contract';
import {
  choose,
  hostedPagePosts,
  launchBrowser,
  NNBSP,
  pageWithoutScripts,
  recordRequests,
  returnPage,
  statusCard,
  type TestBrowser,
  urls,
  waitForPage,
} from './support';

const { worker, sandbox } = urls();
let chromium: TestBrowser;

beforeAll(async () => {
  chromium = await launchBrowser();
});

afterAll(async () => {
  await chromium.close();
});

async function order(transId: string): Promise<PublicOrder> {
  const response = await fetch(`${worker}/api/orders/${transId}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PublicOrder;
}

describe('a payment link', () => {
  it('works with JavaScript off: product page, plain POST, the "Continue" button, the hosted page, paid and ACCEPTED', async () => {
    const page = await pageWithoutScripts(chromium.browser);
    const requests = recordRequests(page);
    await page.goto(`${worker}/pay/tshirt-m`);
    expect(await page.locator('h1').innerText()).toBe('T-shirt CinetPay (M)');
    await page.getByRole('button', { name: `Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA` }).click();
    await waitForPage(page, `${worker}/pay/tshirt-m`);
    const next = page.getByRole('button', { name: 'Continuer vers CinetPay' });
    expect(await next.isVisible()).toBe(true);
    await next.click();
    await waitForPage(page, `${sandbox}/`);
    const posted = new URLSearchParams(hostedPagePosts(requests, sandbox)[0]?.postData ?? '');
    expect(posted.get('cpm_amount')).toBe('5000');
    expect(posted.get('cpm_designation')).toBe('T-shirt CinetPay (M)');
    const transId = (await page.locator('#trans-id').innerText()).trim();
    expect(posted.get('cpm_trans_id')).toBe(transId);

    await choose(page, 'success-om');
    // The sandbox's return form posts by script; without one, the customer presses its button.
    await page.locator('#return-button').click();
    await waitForPage(page, returnPage(worker, 'success'));
    expect(await order(transId)).toMatchObject({ status: 'ACCEPTED', amount: 5000, designation: 'T-shirt CinetPay (M)' });
  });

  it('with JavaScript on, goes to the hosted page by itself, in English, and the return page shows the verified payment', async () => {
    const page = await chromium.newPage();
    await page.goto(`${worker}/pay/casquette?lang=en`);
    await page.getByRole('button', { name: `Pay 2,500${NNBSP}F${NNBSP}CFA` }).click();
    await waitForPage(page, `${sandbox}/`);
    const transId = (await page.locator('#trans-id').innerText()).trim();
    await choose(page, 'success-momo');
    await waitForPage(page, returnPage(worker, 'success', 'en'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Payment confirmed');
    expect(await order(transId)).toMatchObject({ status: 'ACCEPTED', amount: 2500, lang: 'en', paymentMethod: 'MOMO' });
  });

  it('brings an open-amount form back with the problem and what was typed, when the Worker refuses it', async () => {
    const page = await pageWithoutScripts(chromium.browser);
    await page.goto(`${worker}/pay`);
    // Within the field's own bounds (min/max, which the browser enforces), but blank where it counts: the Worker decides.
    await page.locator('#amount').fill('500');
    await page.locator('#designation').fill('   ');
    const [response] = await Promise.all([page.waitForResponse(`${worker}/pay`), page.getByRole('button', { name: 'Payer', exact: true }).click()]);
    expect(response.status()).toBe(400);
    expect(await page.locator('#problem').innerText()).toContain('Indiquez l’objet du paiement');
    expect(await page.locator('#amount').inputValue()).toBe('500');
  });
});

describe('a paid e-book', () => {
  it('shows a download button on the return page that saves the file the bucket holds', async () => {
    const page = await chromium.newPage();
    await page.goto(`${worker}/pay/ebook-attieke`);
    await page.getByRole('button', { name: `Payer 1${NNBSP}500${NNBSP}F${NNBSP}CFA` }).click();
    await waitForPage(page, `${sandbox}/`);
    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    const button = page.locator('cinetpay-status [part="download"]');
    await button.waitFor();
    expect(await button.innerText()).toBe('Télécharger');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('30 recettes d’attiéké.pdf');
    const saved = readFileSync(await download.path());
    expect(saved.equals(readFileSync(join(ROOT, 'demo', 'files', 'ebooks', '30-recettes-attieke.pdf')))).toBe(true);
  });
});
