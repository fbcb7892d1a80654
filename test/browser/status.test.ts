/**
 * `<cinetpay-status>` on its own: an unknown order, a Worker that does not
 * answer, the merchant's slots, and the `trans-id` attribute.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, fetchedUrls, launchBrowser, recordRequests, statusCard, type TestBrowser, TestPages, urls, widgetEvents } from './support';

const { worker, pages: pagesOrigin } = urls();
let chromium: TestBrowser;
let pages: TestPages;

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

function statusPage(element: string, lang = 'fr'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Status</title>
<script type="module" src="/widget/cinetpay-status.js"></script></head><body>${element}</body></html>`;
}

describe('<cinetpay-status>', () => {
  it('an unknown transaction reads "Commande introuvable" and polling stops', async () => {
    const page = await chromium.newPage();
    // A clock the test can move, at the normal pace until it does.
    await page.clock.install();
    await page.goto(`${worker}/success.html?trans_id=NO_SUCH_ORDER_123&status=ACCEPTED`);
    await page.locator('cinetpay-status[status="NOT_FOUND"]').waitFor();
    const card = await statusCard(page).innerText();
    expect(card).toContain('Commande introuvable');
    // The URL said ACCEPTED; only the Worker's answer counts.
    expect(card).not.toContain('Paiement confirmé');
    // A minute of the page's time: every re-check still scheduled comes due, and would call fetch() on the spot.
    await page.clock.runFor(60_000);
    expect((await fetchedUrls(page)).filter((url) => url.includes('/api/orders/'))).toHaveLength(1);
    expect((await widgetEvents(page, 'cinetpay-status')).map((event) => event.detail['status'])).toEqual(['NOT_FOUND']);
  });

  it('a Worker that does not answer: "checking", then "Vérification momentanément impossible", and it keeps trying', async () => {
    const port = await closedPort();
    const order = `http://127.0.0.1:${port}/api/orders/T123`;
    const url = pages.set('/status-down.html', statusPage(`<cinetpay-status endpoint="http://127.0.0.1:${port}" trans-id="T123"></cinetpay-status>`));
    const page = await chromium.newPage();
    // "Checking" lasts only until the third failed try, a second or two: the first try waits until it has been read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => {
      release = done;
    });
    await page.route(order, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(url);
    expect(await statusCard(page).innerText()).toContain('Vérification du paiement…');
    release();
    await page.locator('cinetpay-status[status="UNREACHABLE"]').waitFor();
    expect(await statusCard(page).innerText()).toContain('Vérification momentanément impossible');
    expect((await fetchedUrls(page)).filter((fetched) => fetched === order).length).toBeGreaterThanOrEqual(3);
    await page.waitForRequest(order);
  });

  it('the trans-id attribute wins over the URL, and a named slot replaces the message', async () => {
    const url = pages.set(
      '/status-slot.html',
      statusPage(
        `<cinetpay-status endpoint="${worker}" trans-id="ATTRIBUTE_ID_1" lang="en"><p slot="not-found">We could not find this order: call us on 07 00 00 00 01.</p></cinetpay-status>`,
      ),
    );
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await page.goto(`${url}?trans_id=URL_ID_2`);
    await page.locator('cinetpay-status[status="NOT_FOUND"]').waitFor();
    expect(requests.filter((request) => request.url.includes('/api/orders/')).map((request) => new URL(request.url).pathname)).toEqual([
      '/api/orders/ATTRIBUTE_ID_1',
    ]);
    await page.getByText('We could not find this order').waitFor();
    expect(await statusCard(page).innerText()).not.toContain('Order not found');
  });
});
