import { describe, expect, it } from 'vitest';
import { APIKEY, formFor, MERCHANT, openPayment, order, postForm, press, sign, status } from './support';

/** Every HTML answer refuses to be framed (the guide forbids iframes). */
function expectNoFraming(response: Response): void {
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
}

async function refusal(form: Readonly<Record<string, string>>): Promise<{ status: number; html: string; response: Response }> {
  const response = await postForm('/', form);
  return { status: response.status, html: await response.text(), response };
}

const BUTTONS = ['success-om', 'success-momo', 'success-flooz', 'otp-error', 'insufficient-balance', 'pending', 'cancel'];

describe('POST / (the hosted payment page)', () => {
  it('shows the merchant, the designation, the amount as "5 000 F CFA" and one button per outcome', async () => {
    const opened = await openPayment({ cpm_amount: '5000', cpm_designation: 'T-shirt M' });
    expectNoFraming(opened.page);
    expect(opened.html).toContain('<html lang="fr">');
    expect(opened.html).toContain('Boutique démo');
    expect(opened.html).toContain('445160');
    expect(opened.html).toContain('T-shirt M');
    expect(opened.html).toContain('5 000 F CFA');
    expect(opened.html).toContain('Paiement sécurisé');
    for (const button of BUTTONS) {
      expect(opened.html).toMatch(
        new RegExp(
          `<form method="post" action="/pay"><input type="hidden" name="trans_id" value="${opened.request.cpm_trans_id}"><input type="hidden" name="choice" value="${button}">`,
        ),
      );
      expect(opened.html).toContain(`data-outcome="${button}"`);
    }
    expect(opened.html).not.toContain(APIKEY);
    expect(opened.html).not.toContain(opened.signature);
  });

  it('groups large amounts by thousands, as each language writes them', async () => {
    expect((await openPayment({ cpm_amount: '1250000' })).html).toContain('1 250 000 F CFA');
    expect((await openPayment({ cpm_amount: '5' })).html).toContain('>5 F CFA<');
    expect((await openPayment({ cpm_amount: '1250000', cpm_language: 'en' })).html).toContain('1,250,000 F CFA');
    expect((await openPayment({ cpm_amount: '2500', cpm_language: 'en' })).html).toContain('>2,500 F CFA<');
  });

  it('speaks English when cpm_language is en, down to the merchant name', async () => {
    const opened = await openPayment({ cpm_language: 'en' });
    expect(opened.html).toContain('<html lang="en">');
    expect(opened.html).toContain('Secure payment');
    expect(opened.html).toContain('Pay with');
    expect(opened.html).toContain('Demo shop');
    expect(opened.html).not.toContain('Paiement sécurisé');
    expect(opened.html).not.toContain('Boutique démo');
  });

  it('names its own icon inline, so that the browser asks for no /favicon.ico', async () => {
    expect((await openPayment()).html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
  });

  it('renders a designation with \' < & " as text, never as markup', async () => {
    const designation = `L'été <script>alert(1)</script> & "co" <img src=x onerror=alert(2)>`;
    const opened = await openPayment({ cpm_designation: designation, cpm_custom: '<b>x</b>' });
    expect(opened.html).toContain('L&#39;été &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot; &lt;img src=x onerror=alert(2)&gt;');
    expect(opened.html).not.toContain('<script>alert(1)');
    expect(opened.html).not.toContain('<img src=x');
  });

  it('shows the locked phone number', async () => {
    const opened = await openPayment({ cel_phone_num: '01020304', cpm_phone_prefix: '225' });
    expect(opened.html).toContain('+225 01020304');
  });

  it('accepts the same form again while no outcome was chosen (the customer pressed back)', async () => {
    const opened = await openPayment();
    expect((await postForm('/', opened.form)).status).toBe(200);
  });

  describe('refuses a form with an HTML error page showing the code', () => {
    it('608 when a mandatory field is missing (here the signature)', async () => {
      const request = order();
      await sign(request);
      const { signature: _dropped, ...form } = formFor(request, 'x');
      const page = await refusal(form);
      expect(page.status).toBe(400);
      expectNoFraming(page.response);
      expect(page.html).toContain('608');
      expect(page.html).toContain('MINIMUM_REQUIRED_FIELDS');
      expect(page.html).toContain('signature');
    });

    it('609 for a wrong apikey and 613 for another site id (403)', async () => {
      const request = order();
      const signature = await sign(request);
      const wrongKey = await refusal(formFor(request, signature, { apikey: 'somebody-else' }));
      expect(wrongKey.status).toBe(403);
      expect(wrongKey.html).toContain('AUTH_NOT_FOUND');
      expect(wrongKey.html).not.toContain('somebody-else');
      const wrongSite = await refusal(formFor(request, signature, { cpm_site_id: '296911' }));
      expect(wrongSite.status).toBe(403);
      expect(wrongSite.html).toContain('ERROR_SITE_ID_NOTVALID');
    });

    it('619 ERROR_SIGNATURE_DONT_MATCHED for a tampered amount (signature issued for 100, form says 5)', async () => {
      const request = order({ cpm_amount: '100' });
      const signature = await sign(request);
      const page = await refusal(formFor(request, signature, { cpm_amount: '5' }));
      expect(page.status).toBe(400);
      expect(page.html).toContain('619');
      expect(page.html).toContain('ERROR_SIGNATURE_DONT_MATCHED');
      // Nothing was opened: the transaction is still only signed.
      expect((await status(request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_result: '607', cpm_amount: '100' } });
    });

    it.each([
      ['cpm_designation', 'Autre chose'],
      ['cpm_custom', 'order-99'],
      ['cpm_currency', 'XOF'],
      ['cpm_trans_date', '2017-04-09 15:45:22'],
    ])('619 when %s differs from the signed value', async (field, value) => {
      const request = order();
      const signature = await sign(request);
      expect((await refusal(formFor(request, signature, { [field]: value }))).html).toContain('ERROR_SIGNATURE_DONT_MATCHED');
    });

    it('619 for a made-up signature and for a trans id never signed', async () => {
      const request = order();
      await sign(request);
      expect((await refusal(formFor(request, 'a'.repeat(40)))).status).toBe(400);
      const unsigned = order();
      expect((await refusal(formFor(unsigned, 'b'.repeat(40)))).html).toContain('619');
    });

    it('619 for an older signature once another one was issued for the same trans id', async () => {
      const first = order({ cpm_amount: '100' });
      const oldSignature = await sign(first);
      await sign({ ...first, cpm_amount: '200' });
      expect((await refusal(formFor(first, oldSignature))).html).toContain('ERROR_SIGNATURE_DONT_MATCHED');
    });

    it("matches the form's cpm_phone_prefixe against the signed cpm_phone_prefix", async () => {
      const request = order({ cel_phone_num: '01020304', cpm_phone_prefix: '225' });
      const signature = await sign(request);
      const good = formFor(request, signature);
      expect(good['cpm_phone_prefixe']).toBe('225');
      expect(good['cpm_phone_prefix']).toBeUndefined();
      expect((await refusal({ ...good, cpm_phone_prefixe: '226' })).html).toContain('ERROR_SIGNATURE_DONT_MATCHED');
      expect((await refusal({ ...good, cel_phone_num: '01020305' })).html).toContain('ERROR_SIGNATURE_DONT_MATCHED');
      expect((await refusal(good)).status).toBe(200);
    });

    it('620 ERROR_DOUBLE_PAYEMNT for a trans id already paid (409)', async () => {
      const opened = await openPayment();
      await press(opened.request.cpm_trans_id, 'success-om');
      const again = await refusal(opened.form);
      expect(again.status).toBe(409);
      expect(again.html).toContain('620');
      expect(again.html).toContain('ERROR_DOUBLE_PAYEMNT');
    });

    it.each([['otp-error'], ['insufficient-balance'], ['cancel']])('620 for a trans id already finished by %s', async (choice) => {
      const opened = await openPayment();
      await press(opened.request.cpm_trans_id, choice);
      expect((await refusal(opened.form)).status).toBe(409);
    });

    it.each([
      ['cpm_amount', '5.5', '611'],
      ['cpm_amount', 'abc', '628'],
      ['cpm_amount', '4', '641'],
      ['cpm_currency', 'EUR', '612'],
      ['cpm_trans_date', 'hier', '614'],
      ['cpm_language', 'de', '615'],
      ['cpm_page_action', 'X', '616'],
      ['cpm_payment_config', 'X', '617'],
      ['cpm_version', 'V9', '618'],
    ])('checks %s=%s like getSignatureByPost: %s', async (field, value, code) => {
      const request = order();
      const signature = await sign(request);
      const page = await refusal(formFor(request, signature, { [field]: value }));
      expect(page.status).toBe(400);
      expect(page.html).toContain(`<span>${code}</span>`);
    });

    it('606 for a notify_url, return_url or cancel_url that is not http(s)', async () => {
      const request = order();
      const signature = await sign(request);
      for (const field of ['notify_url', 'return_url', 'cancel_url']) {
        const page = await refusal(formFor(request, signature, { [field]: 'javascript:alert(1)' }));
        expect(page.status).toBe(400);
        expect(page.html).toContain('INCORRECT_SETTINGS');
      }
    });

    it('shows the error in English for an English form, with a link back to the shop', async () => {
      const request = order({ cpm_language: 'en', cpm_amount: '100' });
      const signature = await sign(request);
      const page = await refusal(formFor(request, signature, { cpm_amount: '5', cancel_url: `${MERCHANT}/cancel?a=1&b=2` }));
      expect(page.html).toContain('<html lang="en">');
      expect(page.html).toContain('Payment not possible');
      expect(page.html).toContain(`href="${MERCHANT}/cancel?a=1&amp;b=2"`);
    });
  });

  it('GET / tells what this origin is', async () => {
    const response = await postForm('/', {});
    expect(response.status).toBe(400);
    const landing = await (await import('./support')).call('/');
    expect(landing.status).toBe(200);
    expectNoFraming(landing);
    expect(await landing.text()).toContain('secure.cinetpay.com');
  });
});

describe('POST /pay (a button of the page) and the way back', () => {
  it.each([['success-om'], ['otp-error'], ['pending']])('GET mode, %s: 303 to return_url with the 3.2 fields as query parameters', async (choice) => {
    const returnUrl = `${MERCHANT}/return?order=7`;
    const opened = await openPayment({}, { return_url: returnUrl, cpm_return_mode: 'GET' });
    const response = await press(opened.request.cpm_trans_id, choice);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${MERCHANT}/return`);
    expect([...location.searchParams.keys()]).toEqual([
      'order',
      'cpm_trans_id',
      'cpm_amount',
      'cpm_currency',
      'cpm_site_id',
      'cpm_language',
      'cpm_version',
      'cpm_payment_config',
      'cpm_page_action',
      'cpm_custom',
      'payment_method',
      'signature',
      'cel_phone_num',
      'cpm_phone_prefixe',
    ]);
    expect(location.searchParams.get('order')).toBe('7');
    expect(location.searchParams.get('cpm_trans_id')).toBe(opened.request.cpm_trans_id);
    expect(location.searchParams.get('signature')).toBe(opened.signature);
    expect(location.searchParams.get('apikey')).toBeNull();
  });

  it('POST mode: an auto-submitting form to return_url with the 3.2 fields and a visible button', async () => {
    const opened = await openPayment({ cpm_designation: 'x', cpm_custom: `a"b<c>'d` }, { return_url: `${MERCHANT}/return`, cpm_return_mode: 'POST' });
    const response = await press(opened.request.cpm_trans_id, 'success-momo');
    expect(response.status).toBe(200);
    expectNoFraming(response);
    const html = await response.text();
    expect(html).toContain(`<form id="return-form" method="post" action="${MERCHANT}/return">`);
    expect(html).toContain(`<input type="hidden" name="cpm_trans_id" value="${opened.request.cpm_trans_id}">`);
    expect(html).toContain('<input type="hidden" name="payment_method" value="MOMO">');
    expect(html).toContain('<input type="hidden" name="cpm_custom" value="a&quot;b&lt;c&gt;&#39;d">');
    expect(html).toContain('<button type="submit"');
    expect(html).toContain('.submit()');
    expect(html.match(/type="hidden"/g)).toHaveLength(13);
  });

  it.each([['NONE'], [undefined]])('return mode %s: 303 to return_url, no parameters', async (mode) => {
    const opened = await openPayment(
      {},
      mode === undefined ? { return_url: `${MERCHANT}/return` } : { return_url: `${MERCHANT}/return`, cpm_return_mode: mode },
    );
    const response = await press(opened.request.cpm_trans_id, 'success-flooz');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${MERCHANT}/return`);
  });

  it('cancel: 303 to cancel_url, whatever the return mode', async () => {
    const opened = await openPayment({}, { return_url: `${MERCHANT}/return`, cancel_url: `${MERCHANT}/cancel`, cpm_return_mode: 'GET' });
    const response = await press(opened.request.cpm_trans_id, 'cancel');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${MERCHANT}/cancel`);
  });

  it('without any return URL: a result page with the code', async () => {
    const opened = await openPayment({ cpm_language: 'en' });
    const response = await press(opened.request.cpm_trans_id, 'insufficient-balance', 'en');
    expect(response.status).toBe(200);
    expectNoFraming(response);
    const html = await response.text();
    expect(html).toContain('602');
    expect(html).toContain('INSUFFICIENT_BALANCE');
  });

  it('a second press after the outcome is 620', async () => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, 'success-om');
    const again = await press(opened.request.cpm_trans_id, 'otp-error');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('ERROR_DOUBLE_PAYEMNT');
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_result: '00' } });
  });

  it('two presses at once (a double click): exactly one outcome is applied, the other is 620', async () => {
    const opened = await openPayment();
    const answers = await Promise.all([press(opened.request.cpm_trans_id, 'success-om'), press(opened.request.cpm_trans_id, 'otp-error')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers[0]?.status === 200 ? '00' : '604';
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_result: winner } });
  });

  it('a pending customer may come back and finish', async () => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, 'pending');
    expect((await postForm('/', opened.form)).status).toBe(200);
    await press(opened.request.cpm_trans_id, 'success-om');
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_result: '00' } });
  });

  it('an unknown choice or a trans id whose form was never posted is refused', async () => {
    const opened = await openPayment();
    expect((await press(opened.request.cpm_trans_id, 'steal-money')).status).toBe(400);
    const request = order();
    await sign(request);
    expect((await press(request.cpm_trans_id, 'success-om')).status).toBe(404);
  });
});
