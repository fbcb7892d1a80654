import { env } from 'cloudflare:workers';
import jsQR from 'jsqr';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PaymentLinksResponse } from '../../shared/api/admin';
import type { FormCheckoutResponse } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { hostedFormPage } from '../../worker/src/pay-pages';
import { type ParsedForm, parsePage } from './html-form';
import { rasterize } from './qr-raster';
import { admin, checkout, orderObjectCount, pay, postHostedForm, publicOrder, resetSandbox, SANDBOX, WORKER, worker } from './support';

const NNBSP = '\u202f';

beforeEach(resetSandbox);

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return worker(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: WORKER, ...headers },
    body: encodeForm(fields),
  });
}

/** The CinetPay form of a `POST /pay…` answer, as the customer's browser would submit it. */
async function hostedForm(response: Response): Promise<ParsedForm> {
  expect(response.status, await response.clone().text()).toBe(200);
  const page = await parsePage(response);
  const form = page.forms.find((candidate) => candidate.id === 'cinetpay');
  if (!form) throw new Error('no CinetPay form on the page');
  return form;
}

function asCheckout(form: ParsedForm): FormCheckoutResponse {
  const transId = form.fields['cpm_trans_id'] ?? '';
  return { transId, action: form.action, method: 'POST', fields: form.fields as unknown as FormCheckoutResponse['fields'] };
}

describe('GET /pay/:product', () => {
  it('serves the product page with its catalog price, a POST form, Open Graph tags and a strict policy', async () => {
    const response = await worker('/pay/tshirt-m');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const page = await parsePage(response);
    expect(page.scripts).toBe(0);
    // v1 needs no name or email: the page asks for none (the 2026 API's page does, test/worker-2026/pay-links.test.ts).
    expect(page.forms).toEqual([{ id: null, method: 'post', action: '/pay/tshirt-m', fields: { lang: 'fr' } }]);
    expect(page.inputs.map((input) => input.name)).toEqual(['lang']);
    expect(page.text).toContain(`Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
    expect(page.meta).toMatchObject({
      'og:title': `T-shirt CinetPay (M) — 5${NNBSP}000${NNBSP}F${NNBSP}CFA`,
      'og:url': `${WORKER}/pay/tshirt-m`,
      'og:type': 'website',
      'og:locale': 'fr_FR',
    });
    expect(page.meta['og:description']).toContain('mobile money');
  });

  it('speaks English with ?lang=en, names the product by its designation_en, and its form asks for an English checkout', async () => {
    const page = await parsePage(await worker('/pay/casquette?lang=en'));
    expect(page.forms[0]?.fields).toEqual({ lang: 'en' });
    expect(page.text).toContain(`Pay 2,500${NNBSP}F${NNBSP}CFA`);
    // What CinetPay's page, the receipt and order.paid call it for this customer (CATALOG's designation_en), and what a link shared in English previews.
    expect(page.text).toContain('Embroidered cap');
    expect(page.text).not.toContain('Casquette brodée');
    expect(page.meta['og:title']).toBe(`Embroidered cap — 2,500${NNBSP}F${NNBSP}CFA`);
    expect(page.meta['og:url']).toBe(`${WORKER}/pay/casquette?lang=en`);
    expect(page.meta['og:locale']).toBe('en_US');
  });

  it('answers an unknown product with a 404 page, in the asked language', async () => {
    const french = await worker('/pay/velo');
    expect(french.status).toBe(404);
    expect(french.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await parsePage(french)).text).toContain('Produit introuvable');
    const english = await worker('/pay/velo?lang=en');
    expect(english.status).toBe(404);
    expect((await parsePage(english)).text).toContain('Product not found');
  });

  it('escapes what it prints: a crafted path never becomes markup', async () => {
    const response = await worker('/pay/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<script>alert');
  });
});

describe('POST /pay/:product', () => {
  it('creates the order as /api/checkout does: the same fields, the catalog price, and a form to CinetPay with a visible button', async () => {
    const before = await orderObjectCount();
    const response = await postForm('/pay/tshirt-m', { lang: 'fr' });
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+={0,2}'/);
    expect(policy).toContain(`form-action 'self' ${SANDBOX}`);
    const html = await response.clone().text();
    expect(html).toContain('<button type="submit">Continuer vers CinetPay</button>');
    const form = await hostedForm(response);
    expect(form.method).toBe('post');
    expect(form.action).toBe(`${SANDBOX}/`);

    const reference = await checkout({ product: 'tshirt-m', lang: 'fr' });
    expect(Object.keys(form.fields).sort()).toEqual(Object.keys(reference.fields).sort());
    const varying = ['cpm_trans_id', 'cpm_trans_date', 'signature', 'return_url', 'cancel_url'];
    const strip = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([name]) => !varying.includes(name)));
    expect(strip(form.fields)).toEqual(strip({ ...reference.fields }));
    expect(form.fields['cpm_amount']).toBe('5000');
    expect(form.fields['return_url']).toBe(`${WORKER}/return?trans_id=${form.fields['cpm_trans_id']}`);
    expect(await orderObjectCount()).toBe(before + 2);

    const order = await publicOrder(form.fields['cpm_trans_id'] ?? '');
    expect(order).toMatchObject({ status: 'PENDING', amount: 5000, designation: 'T-shirt CinetPay (M)', lang: 'fr' });
  });

  it('is a whole payment: the form posted to the hosted page, paid, ends ACCEPTED', async () => {
    const response = await postForm('/pay/casquette', { lang: 'en' });
    // The page that hands the customer over names the product as CinetPay's page will, in English.
    expect((await parsePage(response.clone())).text).toContain(`Embroidered cap — 2,500${NNBSP}F${NNBSP}CFA`);
    const form = await hostedForm(response);
    expect(form.fields['cpm_language']).toBe('en');
    expect(form.fields['cpm_designation']).toBe('Embroidered cap');
    const started = asCheckout(form);
    const hosted = await postHostedForm(started);
    expect(hosted.status).toBe(200);
    await pay(started.transId, 'success');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'ACCEPTED', amount: 2500, lang: 'en' });
  });

  it('never takes a price from the form: an amount field is refused with 400 and no order', async () => {
    const before = await orderObjectCount();
    const response = await postForm('/pay/tshirt-m', { lang: 'fr', amount: '5' });
    expect(response.status).toBe(400);
    expect((await parsePage(response)).text).toContain('Demande incorrecte');
    expect(await orderObjectCount()).toBe(before);
  });

  it('refuses bad input with an HTML page and the status of the error table, creating nothing', async () => {
    const before = await orderObjectCount();
    const cases: [Response, number][] = [
      [await postForm('/pay/tshirt-m', { lang: 'de' }), 400],
      [await postForm('/pay/velo', { lang: 'fr' }), 404],
      [await worker('/pay/tshirt-m', { method: 'POST', headers: { 'content-type': 'application/json', origin: WORKER }, body: '{"lang":"fr"}' }), 415],
      [await postForm('/pay/tshirt-m', { lang: 'fr', pad: 'x'.repeat(5000) }), 413],
      [await postForm('/pay/tshirt-m', { lang: 'fr' }, { origin: 'https://evil.example' }), 403],
    ];
    for (const [response, status] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<h1>');
    }
    expect(await orderObjectCount()).toBe(before);
  });

  it('takes a name and email when a form sends them (a page opened under the 2026 API), checking them as /api/checkout does', async () => {
    const customer = { first_name: 'Awa', last_name: 'Koné', email: 'awa.kone@example.com' };
    const form = await hostedForm(await postForm('/pay/tshirt-m', { lang: 'fr', ...customer }));
    expect(form.fields['cpm_amount']).toBe('5000');

    const before = await orderObjectCount();
    const refused = await postForm('/pay/tshirt-m', { lang: 'en', ...customer, email: 'awa.kone' });
    expect(refused.status).toBe(400);
    const page = await parsePage(refused);
    expect(page.forms[0]?.fields).toEqual({ lang: 'en', ...customer, email: 'awa.kone' });
    expect(page.text).toContain('Enter your first name, your last name and a valid email address');
    expect(await orderObjectCount()).toBe(before);
  });

  it('takes a form from the Worker’s own page even when the browser hides its origin (Origin: null)', async () => {
    const form = await hostedForm(await postForm('/pay/tshirt-m', { lang: 'fr' }, { origin: 'null' }));
    expect(form.fields['cpm_amount']).toBe('5000');
  });

  it('shares checkout’s rate limit: a client over it gets a 429 page, another client does not', async () => {
    const statuses: number[] = [];
    // The limit (60 a minute) counts in fixed windows: a run that crosses a minute boundary needs up to twice as many to reach it.
    for (let i = 0; i < 125; i++) {
      const response = await postForm('/pay/ebook-attieke', { lang: 'fr' }, { 'cf-connecting-ip': '203.0.113.77' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect((await parsePage(response)).text).toContain('Trop de tentatives');
        break;
      }
      await response.body?.cancel();
    }
    expect(statuses.at(-1)).toBe(429);
    const other = await postForm('/pay/ebook-attieke', { lang: 'fr' }, { 'cf-connecting-ip': '203.0.113.78' });
    expect(other.status).toBe(200);
  });
});

describe('the page that hands the customer to CinetPay', () => {
  it('follows the checkout answer’s method: a GET to a payment URL keeps that URL’s query as fields, and the policy names its host', async () => {
    const rendered = await hostedFormPage(
      { transId: '1700000000000123456', method: 'GET', action: 'https://checkout.example.com/payment/abc?token=t%26k', fields: {} },
      'Casquette brodée',
      2500,
      'CFA',
      'en',
    );
    const page = await parsePage(new Response(rendered.html));
    expect(page.forms).toEqual([{ id: 'cinetpay', method: 'get', action: 'https://checkout.example.com/payment/abc', fields: { token: 't&k' } }]);
    expect(page.text).toContain('Continue to CinetPay');
    expect(rendered.policy).toContain("form-action 'self' https://checkout.example.com;");
  });
});

describe('GET and POST /pay (open amount)', () => {
  it('serves an amount form within the merchant’s bounds', async () => {
    const response = await worker('/pay');
    expect(response.status).toBe(200);
    const page = await parsePage(response);
    expect(page.forms[0]).toEqual({ id: null, method: 'post', action: '/pay', fields: { lang: 'fr', amount: '', designation: '' } });
    expect(page.text).toContain(`de 100${NNBSP}F${NNBSP}CFA à 1${NNBSP}000${NNBSP}000${NNBSP}F${NNBSP}CFA`);
  });

  it('starts an open-amount order with the merchant’s label', async () => {
    const form = await hostedForm(await postForm('/pay', { lang: 'fr', amount: '750', designation: 'Cantine' }));
    expect(form.fields).toMatchObject({ cpm_amount: '750', cpm_designation: 'Don : Cantine' });
  });

  it('brings the form back with a clear message and 400 for an invalid amount, keeping what was typed', async () => {
    for (const amount of ['50', '12.5', 'abc', '', '2000000']) {
      const response = await postForm('/pay', { lang: 'en', amount, designation: 'School meals' });
      expect(response.status).toBe(400);
      const page = await parsePage(response);
      expect(page.text).toContain(`Enter a whole amount from 100${NNBSP}F${NNBSP}CFA to 1,000,000${NNBSP}F${NNBSP}CFA.`);
      expect(page.forms[0]?.fields).toMatchObject({ amount, designation: 'School meals', lang: 'en' });
    }
  });

  it('says what is wrong with a refused designation', async () => {
    const response = await postForm('/pay', { lang: 'fr', amount: '500', designation: '   ' });
    expect(response.status).toBe(400);
    expect((await parsePage(response)).text).toContain('Indiquez l’objet du paiement');
  });

  it('answers 404 when the merchant does not take open amounts', async () => {
    const closed = { ...env, OPEN_AMOUNT: { enabled: false } };
    const { default: workerModule } = await import('../../worker/src/index');
    const response = await workerModule.fetch(new Request(`${WORKER}/pay`), closed);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('n’accepte pas les montants libres');
  });
});

describe('GET /admin/products', () => {
  it('refuses without the admin token', async () => {
    expect((await worker('/admin/products')).status).toBe(401);
    expect((await worker('/admin/products', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  });

  it('lists each product’s link in both languages with an SVG QR code, and the open-amount link', async () => {
    const response = await admin('/admin/products');
    expect(response.status).toBe(200);
    const { links } = await response.json<PaymentLinksResponse>();
    expect(links.map((link) => link.productId)).toEqual(['tshirt-m', 'casquette', 'ebook-attieke', null]);
    expect(links[0]).toMatchObject({ url: `${WORKER}/pay/tshirt-m`, urlEn: `${WORKER}/pay/tshirt-m?lang=en`, amount: 5000, hasFile: false });
    expect(links[2]?.hasFile).toBe(true);
    expect(links[3]).toMatchObject({ url: `${WORKER}/pay`, amount: null });
    for (const link of links) expect(link.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  });

  it('draws QR codes that a real decoder (jsQR) reads back as the link', async () => {
    const { links } = await (await admin('/admin/products')).json<PaymentLinksResponse>();
    for (const link of links) {
      const { data, width, height } = rasterize(link.qrSvg);
      expect(jsQR(data, width, height)?.data).toBe(link.url);
    }
  });
});
