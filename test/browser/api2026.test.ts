/**
 * The whole payment on CinetPay's 2026 API, in a real browser against the
 * third stack of the suite (a Worker with `CINETPAY_API = "2026"` and its
 * sandbox). The shop is a static page on another origin, as the README
 * shows it: a small form for the customer's name and email, whose values a
 * few lines of script copy into the button's `customer-*` attributes. Then a
 * plain top-level navigation to the `payment_url`, each outcome on the
 * hosted page, the notification with its per-order token, the return page
 * and one `order.paid`; a click without the customer's details is refused
 * in French before anything is created. A payment link needs no shop at
 * all: with JavaScript off, `/pay/<product>` asks for the name and email
 * itself. The demo shop asks for them too, on this API only. Every response
 * the browser receives is scanned: the api_key, the api_password and any
 * access token never appear.
 */

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PublicOrder } from '../../shared/api/contract';
import {
  checkoutRequests,
  choose,
  type HostedChoice,
  launchBrowser,
  NNBSP,
  pageWithoutScripts,
  type RecordedRequest,
  recordRequests,
  returnPage,
  type TestBrowser,
  TestPages,
  urls,
  waitForPage,
} from './support';

const worker = inject('api2026WorkerUrl');
const sandbox = inject('api2026SandboxUrl');
const { pages: pagesOrigin } = urls();
/** The sandbox's public 2026 credentials (sandbox/wrangler.toml), which the Worker holds and the browser must never see. */
const API_KEY = 'sk_test_sandbox-api-key-not-a-secret';
const API_PASSWORD = 'sandbox-api-password-not-a-secret';
const ACCESS_TOKEN = /sbx_at\.\d+\.\d+\./;

let chromium: TestBrowser;
let pages: TestPages;
let shop: string;
const received: { readonly url: string; readonly body: string }[] = [];

function scanResponses(context: BrowserContext): void {
  context.on('response', (response) => {
    const url = response.url();
    void response.body().then(
      (body) => received.push({ url, body: `${JSON.stringify(response.headers())}\n${body.toString('utf8')}` }),
      () => received.push({ url, body: JSON.stringify(response.headers()) }),
    );
  });
}

/** The README's static shop: a customer form, a button, and the script that copies one into the other. */
function shopPage(): string {
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Boutique statique</title>
<script type="module" src="${worker}/cinetpay-button.js"></script>
<form id="customer">
  <label>Prénom <input name="first-name" autocomplete="given-name" required></label>
  <label>Nom <input name="last-name" autocomplete="family-name" required></label>
  <label>E-mail <input name="email" type="email" autocomplete="email" required></label>
</form>
<cinetpay-button endpoint="${worker}" product="tshirt-m"></cinetpay-button>
<script>
  const form = document.getElementById('customer');
  form.addEventListener('input', () => {
    for (const input of form.elements) document.querySelector('cinetpay-button').setAttribute('customer-' + input.name, input.value);
  });
</script></html>`;
}

/** The payment_url; a GET form with no fields (the payment link's "Continue" button) leaves an empty query behind it. */
const PAYMENT_PAGE = new RegExp(`^${sandbox.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v2/pay/[0-9a-f]{64}\\??$`);

function paymentPageVisits(list: readonly RecordedRequest[]): RecordedRequest[] {
  return list.filter((request) => request.navigation && PAYMENT_PAGE.test(request.url));
}

async function newPage(): Promise<Page> {
  const page = await chromium.newPage();
  scanResponses(page.context());
  return page;
}

/** The customer fills the form, clicks, and reaches the hosted page its payment_url opens. */
async function buy(): Promise<{ page: Page; requests: RecordedRequest[]; transId: string }> {
  const page = await newPage();
  const requests = recordRequests(page);
  await page.goto(shop);
  await page.locator('input[name="first-name"]').fill('Awa');
  await page.locator('input[name="last-name"]').fill('Koné');
  await page.locator('input[name="email"]').fill('awa.kone@example.com');
  await page.locator('cinetpay-button button').click();
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
  shop = pages.set('/shop-2026.html', shopPage());
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

describe("a purchase on CinetPay's 2026 API from a static page", () => {
  it('sends the customer to the payment_url (GET, top level, no form) and ends on the success page with one order.paid', async () => {
    const { page, requests, transId } = await buy();
    const [checkout, ...more] = checkoutRequests(requests, worker);
    expect(more).toEqual([]);
    expect(JSON.parse(checkout?.postData ?? '{}')).toMatchObject({
      product: 'tshirt-m',
      customerFirstName: 'Awa',
      customerLastName: 'Koné',
      customerEmail: 'awa.kone@example.com',
    });
    expect(paymentPageVisits(requests)).toEqual([expect.objectContaining({ method: 'GET', mainFrame: true, postData: null })]);

    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    expect(new URL(page.url()).searchParams.get('trans_id')).toBe(transId);
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();
    await expect.poll(() => webhookCount(transId)).toBe(1);
  });

  it.each([
    ['otp-error', 'failure', 'REFUSED'],
    ['insufficient-balance', 'failure', 'REFUSED'],
    ['pending', 'pending', 'PENDING'],
    ['cancel', 'cancelled', 'CANCELLED'],
  ] as const)('the outcome %s lands on the %s page with status %s, and no order.paid', async (choice: HostedChoice, landing, status) => {
    const { page, transId } = await buy();
    await choose(page, choice);
    await waitForPage(page, returnPage(worker, landing));
    await page.locator(`cinetpay-status[status="${status}"]`).waitFor();
    expect(await webhookCount(transId)).toBe(0);
  });

  it('a click before the customer gave a name and email: refused in French, no payment created, the button usable again', async () => {
    const sandboxTransactions = async (): Promise<number> =>
      ((await (await fetch(`${sandbox}/__sandbox/transactions`)).json()) as { transactions: unknown[] }).transactions.length;
    const before = await sandboxTransactions();
    const page = await newPage();
    const requests = recordRequests(page);
    await page.goto(shop);
    await page.locator('cinetpay-button button').click();
    const message = page.locator('cinetpay-button [part="message"]');
    await expect.poll(() => message.innerText()).toBe('Indiquez vos nom, prénom et adresse e-mail.');
    expect(paymentPageVisits(requests)).toEqual([]);
    expect(await page.locator('cinetpay-button button').isDisabled()).toBe(false);
    expect(await sandboxTransactions()).toBe(before);
  });
});

describe("the demo shop (npm start's) on CinetPay's 2026 API", () => {
  it('shows its "Vos coordonnées" form, which the buttons need and use, and pays with it; on v1 the form stays hidden', async () => {
    const page = await newPage();
    const requests = recordRequests(page);
    await page.goto(`${worker}/`);
    const details = page.getByRole('region', { name: 'Vos coordonnées' });
    await details.waitFor();
    const casquette = page.locator('#casquette cinetpay-button');
    await casquette.locator('button').click();
    await expect.poll(() => casquette.locator('[part="message"]').innerText()).toBe('Indiquez vos nom, prénom et adresse e-mail.');
    await details.getByLabel('Prénom').fill('Awa');
    await details.getByLabel('Nom', { exact: true }).fill('Koné');
    await details.getByLabel('E-mail').fill('awa.kone@example.com');
    await casquette.locator('button').click();
    await waitForPage(page, PAYMENT_PAGE);
    const sent = checkoutRequests(requests, worker).map((request) => JSON.parse(request.postData ?? '{}') as Record<string, unknown>);
    expect(sent).toEqual([
      { product: 'casquette', lang: 'fr' },
      { product: 'casquette', lang: 'fr', customerFirstName: 'Awa', customerLastName: 'Koné', customerEmail: 'awa.kone@example.com' },
    ]);
    await choose(page, 'success-momo');
    await waitForPage(page, returnPage(worker, 'success'));
    await page.locator('cinetpay-status[status="ACCEPTED"]').waitFor();

    const english = await newPage();
    await english.goto(`${worker}/en/`);
    await english.getByRole('region', { name: 'Your details' }).waitFor();
    const v1 = await newPage();
    await v1.goto(`${urls().worker}/`);
    await v1.waitForLoadState('networkidle');
    expect(await v1.locator('#customer').isHidden()).toBe(true);
  });
});

describe("a payment link on CinetPay's 2026 API, JavaScript off", () => {
  it('asks for the name and email on /pay/<product>, then the "Continue" button, the hosted page, paid and ACCEPTED', async () => {
    const page = await pageWithoutScripts(chromium.browser);
    scanResponses(page.context());
    const requests = recordRequests(page);
    await page.goto(`${worker}/pay/casquette`);
    await page.getByLabel('Prénom').fill('Awa');
    await page.getByLabel('Nom', { exact: true }).fill('Koné');
    await page.getByLabel('Adresse e-mail').fill('awa.kone@example.com');
    await page.getByRole('button', { name: `Payer 2${NNBSP}500${NNBSP}F${NNBSP}CFA` }).click();
    await waitForPage(page, `${worker}/pay/casquette`);
    const next = page.getByRole('button', { name: 'Continuer vers CinetPay' });
    expect(await next.isVisible()).toBe(true);
    await next.click();
    await waitForPage(page, PAYMENT_PAGE);
    expect(paymentPageVisits(requests)).toEqual([expect.objectContaining({ method: 'GET', mainFrame: true, postData: null })]);
    const transId = (await page.locator('#trans-id').innerText()).trim();

    await choose(page, 'success-om');
    await waitForPage(page, returnPage(worker, 'success'));
    const landing = new URL(page.url());
    expect([landing.searchParams.get('trans_id'), landing.searchParams.get('status')]).toEqual([transId, 'ACCEPTED']);
    const order = (await (await fetch(`${worker}/api/orders/${transId}`)).json()) as PublicOrder;
    expect(order).toMatchObject({ status: 'ACCEPTED', amount: 2500, designation: 'Casquette brodée' });
    await expect.poll(() => webhookCount(transId)).toBe(1);
  });
});

describe('what the browser receives on the 2026 API', () => {
  it('no response of any test above holds the api_key, the api_password or an access token', async () => {
    await expect.poll(() => received.filter((response) => response.url === `${worker}/api/checkout`).length).toBeGreaterThanOrEqual(6);
    expect(received.some((response) => PAYMENT_PAGE.test(response.url))).toBe(true);
    expect(received.some((response) => response.url.includes('/success'))).toBe(true);
    const leaks = received
      .filter((response) => response.body.includes(API_KEY) || response.body.includes(API_PASSWORD) || ACCESS_TOKEN.test(response.body))
      .map((response) => response.url);
    expect(leaks).toEqual([]);
  });
});
