/**
 * The whole payment, for each outcome, in a real browser against the real
 * Worker and the real sandbox: a click on the demo shop, a form POST to the
 * hosted payment page, the customer's choice there, the notification the
 * Worker verifies with checkPayStatus, and the return page, which shows only
 * what the Worker verified.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkoutRequests,
  choose,
  fetchedUrls,
  hostedPagePosts,
  launchBrowser,
  NNBSP,
  type RecordedRequest,
  recordRequests,
  resolveLater,
  returnPage,
  statusCard,
  type TestBrowser,
  urls,
  waitForPage,
  widgetEvents,
} from './support';

const { worker, sandbox } = urls();
let chromium: TestBrowser;

beforeAll(async () => {
  chromium = await launchBrowser();
});

afterAll(async () => {
  await chromium.close();
});

/** Opens the shop, clicks a product's button, and waits for the hosted page. */
async function buyProduct(product: string, lang: 'fr' | 'en' = 'fr'): Promise<{ page: Page; requests: RecordedRequest[]; transId: string }> {
  const page = await chromium.newPage();
  const requests = recordRequests(page);
  await page.goto(`${worker}/${lang === 'en' ? 'en/' : ''}`);
  await page.locator(`#${product} cinetpay-button button`).click();
  await waitForPage(page, `${sandbox}/`);
  const transId = (await page.locator('#trans-id').innerText()).trim();
  return { page, requests, transId };
}

function postedFields(request: RecordedRequest | undefined): URLSearchParams {
  return new URLSearchParams(request?.postData ?? '');
}

describe('a catalog purchase, paid', () => {
  it('POSTs the form to the hosted page and ends on the success page with "Paiement confirmé" and the amount', async () => {
    const { page, requests, transId } = await buyProduct('tshirt-m');

    const checkouts = checkoutRequests(requests, worker);
    expect(checkouts).toHaveLength(1);
    expect(JSON.parse(checkouts[0]?.postData ?? '{}')).toEqual({ product: 'tshirt-m', lang: 'fr' });
    const posts = hostedPagePosts(requests, sandbox);
    expect(posts).toHaveLength(1);
    const fields = postedFields(posts[0]);
    expect(fields.get('cpm_trans_id')).toBe(transId);
    expect(fields.get('cpm_amount')).toBe('5000');
    expect(fields.get('cpm_designation')).toBe('T-shirt CinetPay (M)');
    expect(fields.get('cpm_language')).toBe('fr');
    expect(await page.locator('#amount').innerText()).toContain('5');
    expect(await widgetEvents(page, 'cinetpay-checkout')).toEqual([]);

    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    expect(new URL(page.url()).searchParams.get('trans_id')).toBe(transId);
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Paiement confirmé');
    expect(card).toContain(`5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    expect(card).toContain('T-shirt CinetPay (M)');
    expect(card).toContain(transId);

    const order = (await (await fetch(`${worker}/api/orders/${transId}`)).json()) as { status: string; amount: number };
    expect(order).toMatchObject({ status: 'ACCEPTED', amount: 5000 });
    const statuses = (await widgetEvents(page, 'cinetpay-status')).map((event) => event.detail['status']);
    expect(statuses.at(-1)).toBe('ACCEPTED');
  });

  it('stops polling once the status is final', async () => {
    const { page } = await buyProduct('casquette');
    // The return page gets a clock the test can move; until then it keeps the normal pace.
    await page.clock.install();
    await choose(page, 'success-momo');
    await waitForPage(page, returnPage(worker, 'success'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const polls = async (): Promise<number> => (await fetchedUrls(page)).filter((url) => url.includes('/api/orders/')).length;
    const before = await polls();
    // A minute of the page's time: every re-check still scheduled comes due, and would call fetch() on the spot.
    await page.clock.runFor(60_000);
    expect(await polls()).toBe(before);
    expect(await statusCard(page).innerText()).toContain(`2${NNBSP}500${NNBSP}F${NNBSP}CFA`);
  });
});

describe('a payment that does not go through', () => {
  it('wrong OTP (604): the failure page says "Paiement refusé" and why', async () => {
    const { page, transId } = await buyProduct('ebook-attieke');
    await choose(page, 'otp-error');
    await waitForPage(page, returnPage(worker, 'failure'));
    await page.locator('cinetpay-status[status="REFUSED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Paiement refusé');
    expect(card).toContain('Le code de confirmation (OTP) est incorrect.');
    expect(card).not.toContain('Paiement confirmé');
    expect(card).toContain(transId);
  });

  it('insufficient balance (602): refused, with the balance reason', async () => {
    const { page } = await buyProduct('casquette');
    await choose(page, 'insufficient-balance');
    await waitForPage(page, returnPage(worker, 'failure'));
    await page.locator('cinetpay-status[status="REFUSED"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Solde insuffisant');
  });

  it('cancelled by the customer (627): the cancel page says "Paiement annulé"', async () => {
    const { page } = await buyProduct('tshirt-m');
    await choose(page, 'cancel');
    await waitForPage(page, returnPage(worker, 'cancelled'));
    await page.locator('cinetpay-status[status="CANCELLED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Paiement annulé');
    expect(card).not.toContain('Paiement confirmé');
  });
});

describe('a payment confirmed later on the phone', () => {
  it('shows pending, then "Paiement confirmé" without a reload once the sandbox resolves it', async () => {
    const { page, transId } = await buyProduct('tshirt-m');
    await choose(page, 'pending');
    await waitForPage(page, returnPage(worker, 'pending'));
    await page.locator('cinetpay-status[status="PENDING"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Paiement en attente de confirmation');
    await page.evaluate(() => {
      document.documentElement.dataset['sameDocument'] = 'yes';
    });

    await resolveLater(sandbox, transId, 'success');
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor({ timeout: 20_000 });
    expect(await statusCard(page).innerText()).toContain('Paiement confirmé');
    expect(await page.evaluate(() => document.documentElement.dataset['sameDocument'])).toBe('yes');
    expect(await page.locator('main h1').innerText()).toBe('Merci pour votre achat');
    const statuses = (await widgetEvents(page, 'cinetpay-status')).map((event) => event.detail['status']);
    expect(statuses).toEqual(['PENDING', 'ACCEPTED']);
  });
});

describe('the English shop', () => {
  it('pays in English and lands on the English success page: "Payment confirmed", 5,000 F CFA', async () => {
    const { page, requests } = await buyProduct('tshirt-m', 'en');
    expect(JSON.parse(checkoutRequests(requests, worker)[0]?.postData ?? '{}')).toMatchObject({ lang: 'en' });
    expect(postedFields(hostedPagePosts(requests, sandbox)[0]).get('cpm_language')).toBe('en');
    await choose(page, 'success-flooz');
    await waitForPage(page, returnPage(worker, 'success', 'en'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Payment confirmed');
    expect(card).toContain(`5,000${NNBSP}F${NNBSP}CFA`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('shows the English designation and English numbers on the hosted page and the return page', async () => {
    const { page } = await buyProduct('casquette', 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const hosted = await page.locator('main').innerText();
    expect(hosted).toContain('Embroidered cap');
    expect(hosted).toContain('2,500 F CFA');
    expect(hosted).toContain('Demo shop');
    expect(hosted).not.toContain('Casquette brodée');
    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success', 'en'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Embroidered cap');
    expect(card).toContain(`2,500${NNBSP}F${NNBSP}CFA`);
  });

  it('cancels in English and lands on the English cancel page: "Payment cancelled"', async () => {
    const { page } = await buyProduct('casquette', 'en');
    await choose(page, 'cancel');
    await waitForPage(page, returnPage(worker, 'cancelled', 'en'));
    await page.locator('cinetpay-status[status="CANCELLED"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Payment cancelled');
  });
});

describe('an open amount whose designation holds \' " < &', () => {
  it("reaches the hosted page and the return page intact, after the merchant's label", async () => {
    const chosen = `d'Aïcha : "2 pagnes" <wax> & 1 foulard`;
    const designation = `Don : ${chosen}`;
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await page.goto(`${worker}/`);
    await page.locator('#donation-amount').fill('1500');
    await page.locator('#donation-button').evaluate((element, text) => element.setAttribute('designation', text), chosen);
    await page.locator('#donation-button button').click();
    await waitForPage(page, `${sandbox}/`);

    expect(JSON.parse(checkoutRequests(requests, worker)[0]?.postData ?? '{}')).toMatchObject({ amount: 1500, designation: chosen });
    expect(postedFields(hostedPagePosts(requests, sandbox)[0]).get('cpm_designation')).toBe(designation);
    expect(await page.locator('#designation').innerText()).toBe(designation);

    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain(designation);
    expect(card).toContain(`1${NNBSP}500${NNBSP}F${NNBSP}CFA`);
  });
});
