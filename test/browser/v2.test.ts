/**
 * The whole payment on CinetPay's checkout API v2, in a real browser against
 * the second stack of the suite (a Worker with `CINETPAY_API = "v2"` and its
 * sandbox): a click on the demo shop, a plain top-level navigation to the
 * `payment_url` (no form, no frame, no popup), each outcome on the hosted
 * page, the x-token-signed notification, the return page and one
 * `order.paid`. Every response the browser receives is scanned: neither the
 * apikey nor the secret key is ever in one.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkoutRequests,
  choose,
  type HostedChoice,
  launchBrowser,
  NNBSP,
  type RecordedRequest,
  recordRequests,
  returnPage,
  statusCard,
  type TestBrowser,
  TestPages,
  urls,
  waitForPage,
} from './support';

const worker = inject('v2WorkerUrl');
const sandbox = inject('v2SandboxUrl');
const { pages: pagesOrigin } = urls();
/** The sandbox's public credentials (sandbox/wrangler.toml), which the Worker holds and the browser must never see. */
const APIKEY = 'sandbox-apikey-not-a-secret';
const SECRET_KEY = 'sandbox-secret-key-not-a-secret';

let chromium: TestBrowser;
let pages: TestPages;
/** Every response any page of these tests received: URL and body. */
const received: { readonly url: string; readonly body: string }[] = [];

/** Records every response of the page's context, its body included, for the credential scan. */
function scanResponses(context: BrowserContext): void {
  context.on('response', (response) => {
    const url = response.url();
    // A redirect has no body to read; its headers are checked like a body.
    void response.body().then(
      (body) => received.push({ url, body: `${JSON.stringify(response.headers())}\n${body.toString('utf8')}` }),
      () => received.push({ url, body: JSON.stringify(response.headers()) }),
    );
  });
}

async function newPage(): Promise<Page> {
  const page = await chromium.newPage();
  scanResponses(page.context());
  return page;
}

/** GET navigations of the main frame to the sandbox's v2 payment page. */
function paymentPageVisits(list: readonly RecordedRequest[]): RecordedRequest[] {
  return list.filter((request) => request.navigation && request.url.startsWith(`${sandbox}/v2/pay/`));
}

const PAYMENT_PAGE = new RegExp(`^${sandbox.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v2/pay/[0-9a-f]{64}$`);

/** Opens the shop, clicks a product's button, and waits for the hosted page its payment_url opens. */
async function buyProduct(product: string): Promise<{ page: Page; requests: RecordedRequest[]; transId: string }> {
  const page = await newPage();
  const requests = recordRequests(page);
  await page.goto(`${worker}/`);
  await page.locator(`#${product} cinetpay-button button`).click();
  await waitForPage(page, PAYMENT_PAGE);
  const transId = (await page.locator('#trans-id').innerText()).trim();
  return { page, requests, transId };
}

async function webhookCount(transId: string): Promise<number> {
  const { deliveries } = (await (await fetch(`${sandbox}/__sandbox/webhook`)).json()) as { deliveries: { body: string }[] };
  return deliveries.filter((delivery) => delivery.body.includes(`"transId":"${transId}"`)).length;
}

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

describe('a purchase on checkout v2', () => {
  it('navigates to the payment_url (GET, top level, no form) and ends on the success page with one order.paid', async () => {
    const { page, requests, transId } = await buyProduct('tshirt-m');
    expect(checkoutRequests(requests, worker)).toHaveLength(1);
    const visits = paymentPageVisits(requests);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ method: 'GET', mainFrame: true, postData: null });
    expect(requests.filter((request) => request.method === 'POST' && request.url.startsWith(sandbox))).toEqual([]);
    expect(await page.locator('#designation').innerText()).toBe('T-shirt CinetPay (M)');

    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    expect(new URL(page.url()).searchParams.get('trans_id')).toBe(transId);
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Paiement confirmé');
    expect(card).toContain(`5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    await expect.poll(() => webhookCount(transId)).toBe(1);
  });

  it.each([
    ['otp-error', 'failure', 'REFUSED'],
    ['insufficient-balance', 'failure', 'REFUSED'],
    ['pending', 'pending', 'PENDING'],
    ['cancel', 'cancelled', 'CANCELLED'],
  ] as const)('the outcome %s lands on the %s page with status %s, and no order.paid', async (choice: HostedChoice, landing, status) => {
    const { page, transId } = await buyProduct('casquette');
    await choose(page, choice);
    await waitForPage(page, returnPage(worker, landing));
    await page.locator(`cinetpay-status[status="${status}"]`).waitFor();
    expect(await webhookCount(transId)).toBe(0);
  });
});

describe('the button on v2 behaves as on v1', () => {
  it('a double click starts exactly one checkout and one navigation to the payment page', async () => {
    const page = await newPage();
    const requests = recordRequests(page);
    await page.goto(`${worker}/`);
    await page.locator('#casquette cinetpay-button button').dblclick();
    await waitForPage(page, PAYMENT_PAGE);
    await page.waitForLoadState('load');
    expect(checkoutRequests(requests, worker)).toHaveLength(1);
    expect(paymentPageVisits(requests)).toHaveLength(1);
  });

  it('inside a frame, the payment navigates the whole window, not the frame', async () => {
    const url = pages.set(
      '/site-builder-v2.html',
      `<!doctype html><title>Site builder</title><h1>My page</h1>\n<iframe title="Shop" src="${worker}/" style="width:1000px;height:800px"></iframe>`,
    );
    const page = await newPage();
    const requests = recordRequests(page);
    await page.goto(url);
    await page.frameLocator('iframe').locator('#tshirt-m cinetpay-button button').click();
    await waitForPage(page, PAYMENT_PAGE);
    expect(paymentPageVisits(requests).map((request) => request.mainFrame)).toEqual([true]);
    expect(page.frames()).toHaveLength(1);
  });

  it('after the redirect, a page restored from the back-forward cache has a usable button again', async () => {
    const withCache = await launchBrowser({ bfcache: true });
    try {
      const page = await withCache.newPage();
      scanResponses(page.context());
      await page.goto(`${worker}/`);
      await page.evaluate(() => {
        window.addEventListener('pageshow', (event) => {
          document.documentElement.dataset['restored'] = String(event.persisted);
        });
      });
      const host = page.locator('#casquette cinetpay-button');
      await host.locator('button').click();
      await waitForPage(page, PAYMENT_PAGE);
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForFunction(() => document.documentElement.dataset['restored'] !== undefined);
      expect(await page.evaluate(() => document.documentElement.dataset['restored'])).toBe('true');
      expect(await host.getAttribute('loading')).toBeNull();
      expect(await host.locator('button').getAttribute('aria-busy')).toBe('false');
      await host.locator('button').click();
      await waitForPage(page, PAYMENT_PAGE);
      expect(await page.locator('#designation').innerText()).toBe('Casquette brodée');
    } finally {
      await withCache.close();
    }
  });
});

describe('the merchant console on v2', () => {
  it('says plainly that v2 has no balance and no transaction history (so no reconciliation)', async () => {
    const page = await newPage();
    await page.goto(`${worker}/admin/`);
    await page.locator('console-sign-in input[name="token"]').fill('sandbox-admin-token');
    await page.keyboard.press('Enter');
    await page.locator('console-overview h2').waitFor();
    await expect.poll(() => page.locator('console-overview [data-balance="not-supported"]').innerText()).toContain('v2');
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`${worker}/admin/#/reconciliation?from=${today}&to=${today}`);
    const problem = page.locator('console-reconciliation [data-problem="NOT_SUPPORTED_BY_API"]');
    await expect.poll(() => problem.innerText()).toMatch(/API v2|API CinetPay v2/);
    expect(await page.locator('console-reconciliation table').count()).toBe(0);
  });
});

describe('what the browser receives on v2', () => {
  it('no response of any test above holds the apikey or the secret key', async () => {
    // The scan saw the pages that matter: checkout answers, payment pages, return pages.
    await expect.poll(() => received.filter((response) => response.url === `${worker}/api/checkout`).length).toBeGreaterThanOrEqual(8);
    expect(received.some((response) => PAYMENT_PAGE.test(response.url))).toBe(true);
    expect(received.some((response) => response.url.includes('/success'))).toBe(true);
    const leaks = received.filter((response) => response.body.includes(APIKEY) || response.body.includes(SECRET_KEY)).map((response) => response.url);
    expect(leaks).toEqual([]);
  });
});
