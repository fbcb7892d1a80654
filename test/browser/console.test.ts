/**
 * The merchant console in a real browser, against the real Worker and the
 * real sandbox: sign in, see an order paid on the sandbox as ACCEPTED,
 * filter, page through more than a hundred orders with a filter on, export
 * the selection as CSV and read it back, open an order's timeline, re-check
 * a pending one, re-send its order.paid (the sandbox's receiver gets the same
 * webhook-id again), re-check a payment whose notification was lost from
 * the reconciliation's flagged row, read a payment link's QR code as a
 * phone would, sign out and be refused; and the shop's pages never
 * load the console's script; on a phone's width nothing scrolls sideways,
 * and a session the Worker refuses brings the sign-in form back. The file
 * signs in four times in all (one context for most tests): SIGNIN_LIMIT
 * allows five a minute per client, and that limit is tested in workerd.
 */

import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderPage, Reconciliation } from '../../shared/api/admin';
import type { CheckoutResponse } from '../../shared/api/contract';
import type { BalanceResponse } from '../../shared/cinetpay/wire';
import { parseCsv, payOrder, receivedWebhooks, startOrder, until } from './console-support';
import { launchBrowser, recordRequests, type TestBrowser, urls, waitForPage } from './support';

const { worker, sandbox } = urls();
const ADMIN_TOKEN = 'sandbox-admin-token';
/** More than four pages of the console's 25 rows. */
const OPEN_ORDERS = 125;
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

let chromium: TestBrowser;
let page: Page;
let paid: CheckoutResponse;

/** Every transaction id the admin API selects with this query, through all its pages (the reference the console is checked against). */
async function apiSelection(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await fetch(`${worker}/admin/orders?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const body = (await response.json()) as OrderPage;
    ids.push(...body.orders.map((order) => order.transId));
    cursor = body.cursor;
  } while (cursor);
  return ids;
}

/** The rows on screen once the list shows the answer to `query` (the view's URL query). */
async function rowIds(query?: string): Promise<string[]> {
  if (query !== undefined) await page.locator(`console-orders[data-loaded="${new URLSearchParams(query).toString()}"]`).waitFor();
  return page.locator('console-orders tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trans-id') ?? ''));
}

/** Waits until the list shows a page whose first row differs from `before`. */
async function nextRows(before: string | undefined): Promise<string[]> {
  await page.waitForFunction((first) => {
    const root = document.querySelector('cinetpay-console')?.shadowRoot?.querySelector('console-orders')?.shadowRoot;
    const row = root?.querySelector('tbody tr');
    return row !== null && row !== undefined && row.getAttribute('data-trans-id') !== first;
  }, before ?? '');
  return rowIds();
}

beforeAll(async () => {
  chromium = await launchBrowser();
  page = await chromium.newPage();
  paid = await startOrder(worker, { product: 'casquette' });
  await payOrder(sandbox, paid, 'MOMO');
  for (let index = 0; index < OPEN_ORDERS; index++) await startOrder(worker, { amount: 100 + index, designation: 'Cantine scolaire' });
  await until(async () => ((await apiSelection(`kind=open&status=PENDING&from=${today}`)).length >= OPEN_ORDERS ? true : undefined), 60_000);
  await until(async () => ((await apiSelection(`transId=${paid.transId}&status=ACCEPTED`)).length === 1 ? true : undefined));
}, 120_000);

afterAll(async () => {
  await chromium.close();
});

describe('the merchant console', () => {
  it('signs in by keyboard with ADMIN_TOKEN, after a wrong token is refused, into an HttpOnly SameSite=Strict session', async () => {
    await page.goto(`${worker}/admin/`);
    const token = page.locator('console-sign-in input[name="token"]');
    await token.focus();
    await page.keyboard.type('not-the-admin-token');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('console-sign-in [role="alert"]').innerText()).not.toBe('');
    await token.focus();
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('console-overview h2').waitFor();
    const [cookie] = await page.context().cookies(`${worker}/admin/`);
    expect(cookie).toMatchObject({ name: 'cinetpay_admin', httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows the CinetPay balance as an amount (this browser reads English): grouped, with a decimal point, the figure getCompteStatus gives', async () => {
    const response = await fetch(`${worker}/admin/balance`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { user } = (await response.json()) as BalanceResponse;
    await page.goto(`${worker}/admin/`);
    const shown = page.locator('console-overview [data-balance="account"]');
    await shown.waitFor();
    const text = await shown.innerText();
    expect(text).toMatch(/^\d{1,3}(,\d{3})*(\.\d+)?\u202fF\u202fCFA$/);
    const figure = text.replace(/\u202fF\u202fCFA$/, '').replaceAll(',', '');
    expect(Number(figure)).toBe(Number(user.compte.solde));
    expect(Number(figure)).toBeGreaterThan(0);
  });

  it('shows an order paid on the sandbox as ACCEPTED', async () => {
    await page.goto(`${worker}/admin/#/orders?transId=${paid.transId}`);
    const row = page.locator(`console-orders tr[data-trans-id="${paid.transId}"]`);
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('ACCEPTED');
  });

  it('filters by status and date with the form', async () => {
    await page.goto(`${worker}/admin/#/orders`);
    await page.locator('console-orders select[name="status"]').selectOption('ACCEPTED');
    await page.locator('console-orders input[name="from"]').fill(today);
    await page.locator('console-orders input[name="to"]').fill(today);
    await page.locator('console-orders button[type="submit"]').click();
    await waitForPage(page, /status=ACCEPTED/);
    expect(page.url()).toContain(`from=${today}`);
    await rowIds(`status=ACCEPTED&from=${today}&to=${today}`);
    const statuses = await page.locator('console-orders tbody [data-status]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['ACCEPTED']));
    expect(await rowIds(`status=ACCEPTED&from=${today}&to=${today}`)).toContain(paid.transId);
    await page.locator('console-orders input[name="from"]').fill(tomorrow);
    await page.locator('console-orders input[name="to"]').fill(tomorrow);
    await page.locator('console-orders button[type="submit"]').click();
    await page
      .locator('console-orders p[role="status"]')
      .filter({ hasText: /No order matches|Aucune commande/ })
      .waitFor();
  });

  it(`pages through ${OPEN_ORDERS}+ orders with a filter on, forward and back, without gaps or repeats`, async () => {
    const query = `kind=open&status=PENDING&from=${today}`;
    const expected = await apiSelection(query);
    await page.goto(`${worker}/admin/#/orders?${query}`);
    const seen: string[] = [];
    let rows = await rowIds(query);
    const firstPage = rows;
    for (;;) {
      seen.push(...rows);
      const next = page.locator('console-orders nav button').nth(1);
      if (await next.isDisabled()) break;
      await next.click();
      rows = await nextRows(rows[0]);
    }
    expect(seen.length).toBeGreaterThanOrEqual(OPEN_ORDERS);
    expect(seen).toEqual(expected);
    const previous = page.locator('console-orders nav button').nth(0);
    while (!(await previous.isDisabled())) {
      const before = (await rowIds())[0];
      await previous.click();
      await nextRows(before);
    }
    expect(await rowIds()).toEqual(firstPage);
  });

  it('exports the filtered selection as CSV that parses back to the same orders', async () => {
    const query = `kind=open&status=PENDING&from=${today}`;
    await page.goto(`${worker}/admin/#/orders?${query}`);
    await rowIds(query);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('console-orders a[download]').click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header?.slice(0, 4)).toEqual(['transId', 'createdAt', 'status', 'amount']);
    expect(records.map((record) => record[0])).toEqual(await apiSelection(query));
    expect(records.every((record) => record[2] === 'PENDING' && record[5] === 'open')).toBe(true);
  });

  it('re-checks a pending order with CinetPay from its timeline', async () => {
    const [pending] = await apiSelection(`kind=open&status=PENDING&from=${today}`);
    await page.goto(`${worker}/admin/#/orders/${pending}`);
    const kinds = () => page.locator('console-order .timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    await expect.poll(kinds).toEqual(['created']);
    await page.locator('console-order button[data-action="recheck"]').click();
    await expect.poll(kinds).toEqual(['created', 'check']);
    expect(await page.locator('console-order .timeline li[data-kind="check"]').innerText()).toContain('checkPayStatus (admin)');
    expect(await page.locator('console-order button[data-action="resend"]').isDisabled()).toBe(true);
  });

  it('opens a paid order’s timeline and re-sends order.paid: the sandbox receives the same webhook-id again', async () => {
    const first = await until(async () => {
      const received = await receivedWebhooks(sandbox, paid.transId);
      return received.length >= 1 ? received : undefined;
    });
    await page.goto(`${worker}/admin/#/orders/${paid.transId}`);
    const kinds = () => page.locator('console-order .timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    await expect.poll(kinds).toEqual(expect.arrayContaining(['created', 'check', 'transition', 'notification', 'delivery']));
    await page.locator('console-order button[data-action="resend"]').click();
    const again = await until(async () => {
      const received = await receivedWebhooks(sandbox, paid.transId);
      return received.length > first.length ? received : undefined;
    });
    expect(again.at(-1)?.headers['webhook-id']).toBe(`msg_${paid.transId}_paid`);
    expect(again.at(-1)?.headers['webhook-id']).toBe(first[0]?.headers['webhook-id']);
    await page.reload();
    await expect.poll(async () => (await kinds()).includes('resend')).toBe(true);
  });

  it('flags a payment whose notification was lost in the reconciliation, and re-checks it from its row until the flag is gone', async () => {
    const lost = await startOrder(worker, { product: 'casquette' });
    await payOrder(sandbox, lost, 'OM', 0);
    await until(async () => {
      const response = await fetch(`${worker}/admin/reconciliation?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const report = (await response.json()) as Reconciliation;
      const row = report.rows.find((candidate) => candidate.transId === lost.transId);
      return row?.flag === 'paid_not_accepted' && row.order !== null ? true : undefined;
    });
    await page.goto(`${worker}/admin/#/reconciliation?from=${today}&to=${today}`);
    const row = page.locator(`console-reconciliation tr[data-trans-id="${lost.transId}"]`);
    await expect.poll(() => row.getAttribute('data-flag')).toBe('paid_not_accepted');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('PENDING');
    await row.locator('button[data-action="recheck"]').click();
    await expect.poll(() => row.getAttribute('data-flag')).toBe('agree');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('ACCEPTED');
    expect(await row.locator('button[data-action="recheck"]').count()).toBe(0);
  });

  it('shows each product’s payment link with a QR code that a decoder reads back as that link', async () => {
    await page.goto(`${worker}/admin/#/links`);
    const card = page.locator('console-links article[data-product="tshirt-m"]');
    await card.waitFor();
    const link = card.locator('dd a').first();
    expect(await link.innerText()).toBe(`${worker}/pay/tshirt-m`);
    const qr = card.locator('img.qr');
    await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    // What the merchant prints: the image as the browser draws it, scaled up, read by jsQR.
    const pixels = await qr.evaluate((image: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = 330;
      canvas.height = 330;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return { data: [...context.getImageData(0, 0, canvas.width, canvas.height).data], width: canvas.width, height: canvas.height };
    });
    expect(jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data).toBe(`${worker}/pay/tshirt-m`);
  });

  it('fits a phone’s width: no view scrolls sideways (wide tables scroll inside their card)', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const phone = await context.newPage();
      await phone.goto(`${worker}/admin/`);
      await phone.locator('console-sign-in input[name="token"]').fill(ADMIN_TOKEN);
      await phone.locator('console-sign-in button[type="submit"]').tap();
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await phone.locator('console-overview h3').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.goto(`${worker}/admin/#/orders`);
      await phone.locator('console-orders[data-loaded=""] tbody tr').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.goto(`${worker}/admin/#/orders/${paid.transId}`);
      await phone.locator('console-order .timeline li').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.goto(`${worker}/admin/#/reconciliation`);
      await phone.locator('console-reconciliation[data-loaded] tbody tr').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.goto(`${worker}/admin/#/links`);
      await phone.locator('console-links img.qr').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it('signs out, and is then refused', async () => {
    await page.goto(`${worker}/admin/`);
    const [kept] = await page.context().cookies(`${worker}/admin/`);
    await page.locator('cinetpay-console button[data-action="sign-out"]').click();
    await page.locator('console-sign-in input[name="token"]').waitFor();
    expect(await page.context().cookies(`${worker}/admin/`)).toEqual([]);
    const status = await page.evaluate(async () => (await fetch('/admin/orders')).status);
    expect(status).toBe(401);
    const copy = await fetch(`${worker}/admin/orders`, { headers: { cookie: `${kept?.name}=${kept?.value}` } });
    expect(copy.status, 'a copy of the cookie taken before signing out').toBe(401);
    await page.reload();
    await page.locator('console-sign-in input[name="token"]').waitFor();
  });

  it('goes back to the sign-in form when the Worker stops accepting the session', async () => {
    const context = await chromium.browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(`${worker}/admin/`);
      await other.locator('console-sign-in input[name="token"]').fill(ADMIN_TOKEN);
      await other.locator('console-sign-in button[type="submit"]').click();
      await other.locator('console-overview h2').waitFor();
      // What an expired session or a rotated ADMIN_TOKEN looks like to the browser: a cookie the Worker refuses.
      const [cookie] = await context.cookies(`${worker}/admin/`);
      await context.addCookies([{ ...(cookie ?? { name: 'cinetpay_admin', domain: '127.0.0.1', path: '/admin' }), value: 'v1.1.forged' }]);
      await other.locator('cinetpay-console nav a[href="#/orders"]').click();
      await other.locator('console-sign-in input[name="token"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the shop’s pages never load the console’s script', async () => {
    const shop = await chromium.newPage();
    const requests = recordRequests(shop);
    for (const path of ['/', '/en/']) {
      await shop.goto(`${worker}${path}`, { waitUntil: 'networkidle' });
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((request) => request.url.includes('/admin'))).toEqual([]);
  });
});
