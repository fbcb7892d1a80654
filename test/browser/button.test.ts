/**
 * `<cinetpay-button>` in a real browser: one payment per double click, the
 * keyboard, the Worker being down, the Worker refusing, the back button
 * (real back-forward cache, and a synthetic `pageshow`), a page inside a
 * frame, a vetoed checkout, a Content-Security-Policy that blocks the POST,
 * the label's price, the loading state and reduced motion.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerMessage } from '../../worker/src/customer-messages';
import {
  checkoutRequests,
  closedPort,
  expectText,
  hostedPagePosts,
  launchBrowser,
  NNBSP,
  recordRequests,
  type TestBrowser,
  TestPages,
  urls,
  waitForPage,
  waitForWidgetEvents,
  widgetEvents,
} from './support';

const { worker, sandbox, pages: pagesOrigin } = urls();
let chromium: TestBrowser;
let pages: TestPages;

beforeAll(async () => {
  [chromium, pages] = await Promise.all([launchBrowser(), TestPages.start(pagesOrigin)]);
});

afterAll(async () => {
  await Promise.all([chromium.close(), pages.close()]);
});

/** A merchant page on another origin with one button; the script comes from `script` (default: the test origin itself). */
function merchantPage(button: string, options: { readonly lang?: string; readonly script?: string; readonly head?: string } = {}): string {
  return `<!doctype html><html lang="${options.lang ?? 'fr'}"><head><meta charset="utf-8"><title>Merchant</title>${options.head ?? ''}
<script type="module" src="${options.script ?? '/widget/cinetpay-button.js'}"></script></head>
<body><h1>Merchant</h1>${button}</body></html>`;
}

async function shop(page: Page): Promise<void> {
  await page.goto(`${worker}/`);
  await page.locator('#tshirt-m cinetpay-button button').waitFor();
}

describe('one payment per intent', () => {
  it('a double click starts exactly one checkout and one POST to the hosted page', async () => {
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await shop(page);
    await page.locator('#casquette cinetpay-button button').dblclick();
    await waitForPage(page, `${sandbox}/`);
    await page.waitForLoadState('load');
    expect(checkoutRequests(requests, worker)).toHaveLength(1);
    expect(hostedPagePosts(requests, sandbox)).toHaveLength(1);
  });

  it('two clicks in the same task start one checkout (the guard is synchronous)', async () => {
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await shop(page);
    await page.locator('#ebook-attieke cinetpay-button').evaluate((host) => {
      const button = host.shadowRoot?.querySelector('button');
      button?.click();
      button?.click();
      button?.click();
    });
    await waitForPage(page, `${sandbox}/`);
    expect(checkoutRequests(requests, worker)).toHaveLength(1);
    expect(hostedPagePosts(requests, sandbox)).toHaveLength(1);
  });
});

describe('keyboard', () => {
  it('Tab reaches the button, shows a focus ring, and Enter starts the payment', async () => {
    const page = await chromium.newPage();
    await shop(page);
    let focused = '';
    for (let presses = 0; presses < 10 && focused !== 'tshirt-m'; presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.closest('li')?.id ?? document.activeElement?.tagName ?? '');
    }
    expect(focused).toBe('tshirt-m');
    const ring = await page.locator('#tshirt-m cinetpay-button button').evaluate((button) => {
      const style = getComputedStyle(button);
      return { focusVisible: button.matches(':focus-visible'), outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ focusVisible: true, outline: 'solid', width: '3px' });
    await page.keyboard.press('Enter');
    await waitForPage(page, `${sandbox}/`);
    expect(await page.locator('#designation').innerText()).toBe('T-shirt CinetPay (M)');
  });
});

describe('when the payment cannot start', () => {
  it('the Worker is down: an accessible alert, cinetpay-error NETWORK_ERROR, and the button works again', async () => {
    const port = await closedPort();
    const url = pages.set(
      '/worker-down.html',
      merchantPage(`<cinetpay-button endpoint="http://127.0.0.1:${port}" amount="2000" designation="Test"></cinetpay-button>`),
    );
    const page = await chromium.newPage();
    await page.goto(url);
    // Its bounds unknown (the Worker is down), an open amount keeps its price out of the label.
    const button = page.getByRole('button', { name: 'Payer par Mobile Money' });
    await button.click();
    await expectText(page.getByRole('alert'), 'Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.');
    const errors = await widgetEvents(page, 'cinetpay-error');
    expect(errors.map((event) => event.detail)).toEqual([
      { code: 'NETWORK_ERROR', status: 0, message: 'Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.' },
    ]);
    expect(await button.getAttribute('aria-busy')).toBe('false');
    expect(await button.isEnabled()).toBe(true);
    expect(await page.locator('cinetpay-button').getAttribute('loading')).toBeNull();

    await button.click();
    expect(await waitForWidgetEvents(page, 'cinetpay-error', 2)).toHaveLength(2);
    expect(page.url()).toBe(url);
  });

  it('speaks English on an English page', async () => {
    const port = await closedPort();
    const url = pages.set(
      '/worker-down-en.html',
      merchantPage(`<cinetpay-button endpoint="http://127.0.0.1:${port}" product="tshirt-m"></cinetpay-button>`, { lang: 'en' }),
    );
    const page = await chromium.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Pay with mobile money' }).click();
    await expectText(page.getByRole('alert'), 'The payment service could not be reached. Check your connection and try again.');
  });

  it('a page whose origin the Worker does not allow: FORBIDDEN_ORIGIN in the event, "not available on this site" for the customer, the setting in the console', async () => {
    const allowed = new URL(pagesOrigin);
    const foreign = `http://localhost:${allowed.port}`;
    pages.set('/foreign.html', merchantPage(`<cinetpay-button endpoint="${worker}" product="tshirt-m"></cinetpay-button>`));
    const page = await chromium.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${foreign}/foreign.html`);
    await page.locator('cinetpay-button button').click();
    const [refused] = await waitForWidgetEvents(page, 'cinetpay-error');
    expect(refused?.detail).toEqual({ code: 'FORBIDDEN_ORIGIN', message: 'Le paiement n’est pas disponible sur ce site.', status: 403 });
    await expectText(page.getByRole('alert'), 'Le paiement n’est pas disponible sur ce site.');
    expect(
      consoleErrors.some((text) =>
        text.includes(`403 FORBIDDEN_ORIGIN: This page's origin is not in the Worker's ALLOWED_ORIGINS setting: add ${foreign} to it`),
      ),
    ).toBe(true);
  });

  it('the Worker refuses an unknown product: its code in cinetpay-error, the French text in the alert', async () => {
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await shop(page);
    const host = page.locator('#tshirt-m cinetpay-button');
    await host.evaluate((element) => element.setAttribute('product', 'no-such-product'));
    await host.locator('button').click();
    await expectText(host.getByRole('alert'), 'Ce produit n’est plus disponible.');
    const errors = await widgetEvents(page, 'cinetpay-error');
    expect(errors.map((event) => event.detail['code'])).toEqual(['UNKNOWN_PRODUCT']);
    expect(errors[0]?.detail['status']).toBeGreaterThanOrEqual(400);
    expect(errors[0]?.detail['status']).toBeLessThan(500);
    expect(hostedPagePosts(requests, sandbox)).toEqual([]);
    expect(await host.locator('button').getAttribute('aria-busy')).toBe('false');
  });

  it('CinetPay down behind the Worker (sandbox fault on getSignatureByPost): the "try again" text, then a normal payment', async () => {
    const armed = await fetch(`${sandbox}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'getSignatureByPost', fault: 'http_500', count: 1 }),
    });
    expect(armed.ok).toBe(true);
    const page = await chromium.newPage();
    await shop(page);
    const host = page.locator('#casquette cinetpay-button');
    await host.locator('button').click();
    const errors = await waitForWidgetEvents(page, 'cinetpay-error');
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(String(error?.detail['code'])).toMatch(/^UPSTREAM_|^CINETPAY_/);
    expect(error?.detail['status']).toBeGreaterThanOrEqual(500);
    expect(await host.getByRole('alert').innerText()).toMatch(/momentanément indisponible/);
    await host.locator('button').click();
    await waitForPage(page, `${sandbox}/`);
  });

  it("a CinetPay refusal carried through by the Worker: the page's language asked for, the Worker's Annexe I text shown", async () => {
    const url = pages.set(
      '/cinetpay-609.html',
      merchantPage(`<cinetpay-button endpoint="${pagesOrigin}/refusing-worker" product="tshirt-m"></cinetpay-button>`, { lang: 'en' }),
    );
    const page = await chromium.newPage();
    const languages: (string | undefined)[] = [];
    await page.route(`${pagesOrigin}/refusing-worker/api/checkout`, (route) => {
      languages.push(route.request().headers()['accept-language']);
      const code = 'CINETPAY_609_AUTH_NOT_FOUND';
      return route.fulfill({
        status: 502,
        json: { error: { code, message: 'CinetPay refused the signature request: 609 AUTH_NOT_FOUND', customerMessage: customerMessage(code, 'en') } },
      });
    });
    await page.goto(url);
    await page.locator('cinetpay-button button').click();
    await expectText(page.getByRole('alert'), 'This merchant cannot take payments at the moment. Please contact the shop.');
    expect((await widgetEvents(page, 'cinetpay-error')).map((event) => [event.detail['code'], event.detail['status']])).toEqual([
      ['CINETPAY_609_AUTH_NOT_FOUND', 502],
    ]);
    expect(languages).toEqual(['en']);
  });

  it("a page whose CSP says form-action 'self' gets FORM_ACTION_BLOCKED, not a frozen button", async () => {
    const url = pages.set('/strict-csp.html', {
      body: merchantPage(`<cinetpay-button endpoint="${worker}" product="casquette"></cinetpay-button>`),
      headers: { 'content-security-policy': "form-action 'self'" },
    });
    const page = await chromium.newPage();
    await page.goto(url);
    // The blocked POST is a navigation that never commits: a click that waited for it would wait out its timeout.
    await page.locator('cinetpay-button button').click({ noWaitAfter: true });
    expect((await waitForWidgetEvents(page, 'cinetpay-error')).map((event) => event.detail['code'])).toEqual(['FORM_ACTION_BLOCKED']);
    expect(await page.getByRole('alert').innerText()).toBe('Cette page ne peut pas ouvrir la page de paiement. Contactez la boutique.');
    expect(await page.locator('cinetpay-button button').getAttribute('aria-busy')).toBe('false');
    expect(page.url()).toBe(url);
  });
});

describe('the page vetoes the redirect', () => {
  it('preventDefault() on cinetpay-checkout keeps the customer here with a usable button', async () => {
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    // The widget leaves only through form.submit(). Counting the calls proves at once that none came,
    // where watching for a navigation could only show that none had come yet.
    await page.addInitScript(() => {
      const submit = HTMLFormElement.prototype.submit;
      HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
        document.documentElement.dataset['submits'] = String(Number(document.documentElement.dataset['submits'] ?? 0) + 1);
        submit.call(this);
      };
    });
    await shop(page);
    await page.evaluate(() => {
      document.addEventListener('cinetpay-checkout', (event) => event.preventDefault());
    });
    await page.locator('#tshirt-m cinetpay-button button').click();
    const checkouts = await waitForWidgetEvents(page, 'cinetpay-checkout');
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.cancelable).toBe(true);
    expect(checkouts[0]?.detail['transId']).toMatch(/^[0-9A-Za-z_-]{1,64}$/);
    expect(await page.evaluate(() => document.documentElement.dataset['submits'])).toBeUndefined();
    expect(page.url()).toBe(`${worker}/`);
    expect(hostedPagePosts(requests, sandbox)).toEqual([]);
    expect(await page.locator('body > form').count()).toBe(0);
    expect(await page.locator('#tshirt-m cinetpay-button button').getAttribute('aria-busy')).toBe('false');
  });
});

describe('the back button', () => {
  it('after the redirect, a page restored from the back-forward cache has a usable button again', async () => {
    const withCache = await launchBrowser({ bfcache: true });
    try {
      const page = await withCache.newPage();
      await shop(page);
      await page.evaluate(() => {
        window.addEventListener('pageshow', (event) => {
          document.documentElement.dataset['restored'] = String(event.persisted);
        });
      });
      const host = page.locator('#casquette cinetpay-button');
      await host.locator('button').click();
      await waitForPage(page, `${sandbox}/`);
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForFunction(() => document.documentElement.dataset['restored'] !== undefined);
      // Real bfcache engaged: the same document came back, as it was when it left.
      expect(await page.evaluate(() => document.documentElement.dataset['restored'])).toBe('true');
      expect(await host.getAttribute('loading')).toBeNull();
      expect(await host.locator('button').getAttribute('aria-busy')).toBe('false');
      expect(await page.locator('body > form').count()).toBe(0);

      await host.locator('button').click();
      await waitForPage(page, `${sandbox}/`);
      expect(await page.locator('#designation').innerText()).toBe('Casquette brodée');
    } finally {
      await withCache.close();
    }
  });

  it('a synthetic pageshow with persisted=true unfreezes a button left in "redirecting"', async () => {
    const url = pages.set('/frozen.html', merchantPage(`<cinetpay-button endpoint="${pagesOrigin}/fake-worker" product="tshirt-m"></cinetpay-button>`));
    pages.set('/no-content', { body: '', status: 204 });
    const page = await chromium.newPage();
    // A Worker whose payment page answers 204: the form is submitted, the browser stays, the button stays busy.
    await page.route(`${pagesOrigin}/fake-worker/api/checkout`, (route) =>
      route.fulfill({ json: { transId: 'T1', action: `${pagesOrigin}/no-content`, method: 'POST', fields: { cpm_trans_id: 'T1' } } }),
    );
    await page.goto(url);
    const host = page.locator('cinetpay-button');
    const noContent = page.waitForResponse(pages.url('/no-content'));
    await host.locator('button').click();
    expect((await noContent).status()).toBe(204);
    expect(await host.getAttribute('loading')).toBe('');
    expect(await host.locator('button').getAttribute('aria-busy')).toBe('true');

    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false })));
    expect(await host.getAttribute('loading')).toBe('');
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    await host.locator('button[aria-busy="false"]').waitFor();
    expect(await host.getAttribute('loading')).toBeNull();
    expect(await page.locator('body > form').count()).toBe(0);
  });
});

describe('inside a frame', () => {
  it('the payment navigates the whole window (target=_top), not the frame', async () => {
    const url = pages.set(
      '/site-builder.html',
      `<!doctype html><title>Site builder</title><h1>My page</h1>
<iframe title="Shop" src="${worker}/" style="width:1000px;height:800px"></iframe>`,
    );
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await page.goto(url);
    await page.frameLocator('iframe').locator('#tshirt-m cinetpay-button button').click();
    await waitForPage(page, `${sandbox}/`);
    const posts = hostedPagePosts(requests, sandbox);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.mainFrame).toBe(true);
    expect(page.frames()).toHaveLength(1);
    expect(await page.locator('#designation').innerText()).toBe('T-shirt CinetPay (M)');
  });
});

describe('label and states', () => {
  it('the default label shows the catalog price with narrow no-break spaces, in French and English', async () => {
    const page = await chromium.newPage();
    await shop(page);
    await expectText(page.locator('#tshirt-m cinetpay-button button'), `Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    await page.goto(`${worker}/en/`);
    await expectText(page.locator('#tshirt-m cinetpay-button button'), `Pay 5,000${NNBSP}F${NNBSP}CFA`);
    await expectText(page.locator('#donation-button button'), `Pay 1,000${NNBSP}F${NNBSP}CFA`);
    await page.locator('#donation-amount').fill('25000');
    expect(await page.locator('#donation-button button').innerText()).toBe(`Pay 25,000${NNBSP}F${NNBSP}CFA`);
  });

  it('an open amount the shop does not accept: explained next to the field, no price in the label, no checkout', async () => {
    const page = await chromium.newPage();
    const requests = recordRequests(page);
    await page.goto(`${worker}/en/`);
    const donation = page.locator('#donation-button');
    await expectText(donation.locator('button'), `Pay 1,000${NNBSP}F${NNBSP}CFA`);
    for (const typed of ['2000000', '50', '']) {
      await page.locator('#donation-amount').fill(typed);
      await expectText(donation.getByRole('alert'), `Choose a whole amount from 100${NNBSP}F${NNBSP}CFA to 1,000,000${NNBSP}F${NNBSP}CFA.`);
      expect(await donation.locator('button').innerText()).toBe('Pay with mobile money');
      expect(await donation.locator('button').isDisabled()).toBe(true);
    }
    await page.locator('#donation-amount').fill('2000');
    await expectText(donation.locator('button'), `Pay 2,000${NNBSP}F${NNBSP}CFA`);
    expect(await donation.locator('[part="message"]').textContent()).toBe('');
    expect(checkoutRequests(requests, worker)).toEqual([]);
    await page.goto(`${worker}/`);
    await page.locator('#donation-amount').fill('2000000');
    await expectText(
      page.locator('#donation-button').getByRole('alert'),
      `Choisissez un montant entier de 100${NNBSP}F${NNBSP}CFA à 1${NNBSP}000${NNBSP}000${NNBSP}F${NNBSP}CFA.`,
    );
  });

  it('slotted text replaces the label, and names the button for assistive technology', async () => {
    const url = pages.set('/slotted.html', merchantPage(`<cinetpay-button endpoint="${worker}" product="tshirt-m">Acheter maintenant</cinetpay-button>`));
    const page = await chromium.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Acheter maintenant', exact: true }).waitFor();
    expect(await page.getByRole('button').count()).toBe(1);
    expect(await page.locator('cinetpay-button').evaluate((host) => host.shadowRoot?.querySelector('slot')?.assignedNodes().length)).toBe(1);
  });

  it('while the checkout runs: aria-busy, a status for screen readers, a spinner that stays still under reduced motion', async () => {
    const url = pages.set('/slow.html', merchantPage(`<cinetpay-button endpoint="${pagesOrigin}/slow-worker" product="tshirt-m"></cinetpay-button>`));
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const page = await chromium.newPage({ reducedMotion });
      let release: () => void = () => undefined;
      const held = new Promise<void>((done) => {
        release = done;
      });
      await page.route(`${pagesOrigin}/slow-worker/api/checkout`, async (route) => {
        await held;
        await route.fulfill({ status: 503, json: { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'test' } } });
      });
      await page.goto(url);
      await page.locator('cinetpay-button button').click();
      const button = page.locator('cinetpay-button button');
      await page.locator('cinetpay-button button[aria-busy="true"]').waitFor();
      expect(await page.locator('cinetpay-button').getAttribute('loading')).toBe('');
      expect(await page.getByRole('status').innerText()).toBe('Connexion sécurisée à la page de paiement…');
      const animation = await page.locator('cinetpay-button .spinner').evaluate((spinner) => getComputedStyle(spinner).animationName);
      expect(animation).toBe(reducedMotion === 'reduce' ? 'none' : 'spin');
      release();
      await expectText(page.getByRole('alert'), 'Le paiement est momentanément indisponible. Réessayez dans quelques instants.');
      expect(await button.getAttribute('aria-busy')).toBe('false');
      expect(await page.locator('cinetpay-button .spinner').count()).toBe(0);
    }
  });
});
