import { beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { type ParsedForm, type ParsedPage, parsePage } from '../worker/html-form';
import { orderObjectCount, pay, publicOrder, resetSandbox, SANDBOX, WORKER, worker } from '../worker/support';
import { calls } from './support';

beforeEach(resetSandbox);

const NNBSP = '\u202f';
const PAYMENT_URL = new RegExp(`^${SANDBOX.replace(/[.]/g, '\\.')}/v2/pay/[0-9a-f]{64}$`);
const AWA = { first_name: 'Awa', last_name: 'Koné', email: 'awa.kone@example.com' } as const;

function postForm(path: string, fields: Record<string, string>): Promise<Response> {
  return worker(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: WORKER },
    body: encodeForm(fields),
  });
}

/** The customer inputs of a page: name -> [label, type, autocomplete, required, aria-invalid]. */
function customerInputs(page: ParsedPage): Record<string, [string | null, string | undefined, string | undefined, boolean, boolean]> {
  return Object.fromEntries(
    page.inputs
      .filter((input) => ['first_name', 'last_name', 'email'].includes(input.name))
      .map((input) => [
        input.name,
        [input.label, input.attributes['type'], input.attributes['autocomplete'], 'required' in input.attributes, input.attributes['aria-invalid'] === 'true'],
      ]),
  );
}

/** The page a successful POST answers: CinetPay's payment_url as a GET form, and the order's reference. */
async function hostedForm(response: Response): Promise<{ form: ParsedForm; transId: string }> {
  expect(response.status, await response.clone().text()).toBe(200);
  const page = await parsePage(response);
  const form = page.forms.find((candidate) => candidate.id === 'cinetpay');
  if (!form) throw new Error('no CinetPay form on the page');
  const transId = /(?:Référence :|Reference:) (\d+)/.exec(page.text)?.[1];
  if (!transId) throw new Error(`no reference on the page: ${page.text}`);
  return { form, transId };
}

async function payments(): Promise<number> {
  return (await calls())['2026/payment'] ?? 0;
}

describe('GET /pay/:product and /pay on the 2026 API: the page asks for the name and email CinetPay requires', () => {
  it('shows three required fields with their autocomplete tokens, labelled in French', async () => {
    const response = await worker('/pay/tshirt-m');
    expect(response.status).toBe(200);
    const page = await parsePage(response);
    expect(page.scripts).toBe(0);
    expect(page.forms).toEqual([{ id: null, method: 'post', action: '/pay/tshirt-m', fields: { lang: 'fr', first_name: '', last_name: '', email: '' } }]);
    expect(customerInputs(page)).toEqual({
      first_name: ['Prénom', undefined, 'given-name', true, false],
      last_name: ['Nom', undefined, 'family-name', true, false],
      email: ['Adresse e-mail', 'email', 'email', true, false],
    });
    expect(page.text).toContain('CinetPay demande le nom et l’adresse e-mail de la personne qui paie.');
    expect(page.text).toContain(`Payer 5${NNBSP}000${NNBSP}F${NNBSP}CFA`);
  });

  it('labels them in English with ?lang=en', async () => {
    const page = await parsePage(await worker('/pay/casquette?lang=en'));
    expect(page.forms[0]?.fields).toEqual({ lang: 'en', first_name: '', last_name: '', email: '' });
    expect(customerInputs(page)).toEqual({
      first_name: ['First name', undefined, 'given-name', true, false],
      last_name: ['Last name', undefined, 'family-name', true, false],
      email: ['Email address', 'email', 'email', true, false],
    });
  });

  it('asks for them on the open-amount page too, after the amount and the designation', async () => {
    const page = await parsePage(await worker('/pay'));
    expect(page.inputs.map((input) => input.name)).toEqual(['lang', 'amount', 'designation', 'first_name', 'last_name', 'email']);
    expect(customerInputs(page)['email']).toEqual(['Adresse e-mail', 'email', 'email', true, false]);
  });
});

describe('POST /pay/:product on the 2026 API', () => {
  it('with a name and email: creates the order, hands over the payment_url as a GET form, and the payment ends ACCEPTED', async () => {
    const before = await orderObjectCount();
    const sent = vi.spyOn(globalThis, 'fetch');
    const response = await postForm('/pay/tshirt-m', { lang: 'fr', first_name: ' Awa ', last_name: 'Koné', email: 'awa.kone@example.com' });
    const paymentCalls = sent.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).endsWith('/v1/payment'));
    sent.mockRestore();
    expect(response.headers.get('content-security-policy')).toContain(`form-action 'self' ${SANDBOX}`);
    const { form, transId } = await hostedForm(response);
    expect(form.method).toBe('get');
    expect(form.action).toMatch(PAYMENT_URL);
    expect(form.fields).toEqual({});
    expect(await orderObjectCount()).toBe(before + 1);

    // The form's fields reach CinetPay as its client_* fields, trimmed as checkout trims them.
    const [payment, ...more] = paymentCalls;
    expect(more).toEqual([]);
    const body = JSON.parse(String(payment?.[1]?.body)) as Record<string, unknown>;
    expect(body).toMatchObject({ merchant_transaction_id: transId, client_first_name: 'Awa', client_last_name: 'Koné', client_email: 'awa.kone@example.com' });

    const hosted = await fetch(form.action);
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain('T-shirt CinetPay (M)');
    await pay(transId, 'success');
    expect(await publicOrder(transId)).toMatchObject({ status: 'ACCEPTED', amount: 5000, designation: 'T-shirt CinetPay (M)', lang: 'fr' });
  });

  it('in English: the order speaks English and the hand-over page too', async () => {
    const response = await postForm('/pay/casquette', { lang: 'en', ...AWA });
    const html = await response.clone().text();
    expect(html).toContain('<button type="submit">Continue to CinetPay</button>');
    const { transId } = await hostedForm(response);
    expect(await publicOrder(transId)).toMatchObject({ status: 'PENDING', amount: 2500, lang: 'en' });
  });

  it('without them: 400, the form back with every field marked, and nothing created', async () => {
    const before = await orderObjectCount();
    const payments0 = await payments();
    const response = await postForm('/pay/tshirt-m', { lang: 'fr' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await parsePage(response);
    expect(page.forms).toEqual([{ id: null, method: 'post', action: '/pay/tshirt-m', fields: { lang: 'fr', first_name: '', last_name: '', email: '' } }]);
    expect(page.text).toContain('Indiquez votre prénom, votre nom et une adresse e-mail valide, comme nom@exemple.com.');
    expect(Object.values(customerInputs(page)).map((input) => input[4])).toEqual([true, true, true]);
    expect(await orderObjectCount()).toBe(before);
    expect(await payments()).toBe(payments0);
  });

  it.each([
    ['fr', 'awa.kone@', 'Indiquez votre prénom, votre nom et une adresse e-mail valide'],
    ['en', 'awa.kone@example', 'Enter your first name, your last name and a valid email address'],
  ] as const)(
    'with a bad email (%s): 400, the form back in its language with what was typed, only the email marked, nothing created',
    async (lang, email, message) => {
      const before = await orderObjectCount();
      const payments0 = await payments();
      const response = await postForm('/pay/tshirt-m', { lang, first_name: 'Awa', last_name: 'Koné', email });
      expect(response.status).toBe(400);
      const page = await parsePage(response);
      expect(page.forms[0]?.fields).toEqual({ lang, first_name: 'Awa', last_name: 'Koné', email });
      expect(page.text).toContain(message);
      expect(page.meta['og:locale']).toBe(lang === 'fr' ? 'fr_FR' : 'en_US');
      const inputs = customerInputs(page);
      expect([inputs['first_name']?.[4], inputs['last_name']?.[4], inputs['email']?.[4]]).toEqual([false, false, true]);
      expect(page.inputs.find((input) => input.name === 'email')?.attributes['aria-describedby']).toBe('customer-problem');
      expect(await orderObjectCount()).toBe(before);
      expect(await payments()).toBe(payments0);
    },
  );

  it('gives back a refused name as text, never as markup', async () => {
    const response = await postForm('/pay/tshirt-m', { lang: 'fr', first_name: 'Awa', last_name: '"><script>alert(1)</script>', email: 'awa@example.com' });
    expect(response.status).toBe(400);
    const page = await parsePage(response);
    expect(page.scripts).toBe(0);
    expect(page.forms[0]?.fields['last_name']).toBe('"><script>alert(1)</script>');
    expect(customerInputs(page)['last_name']?.[4]).toBe(true);
  });
});

describe('POST /pay (open amount) on the 2026 API', () => {
  it('with a name and email: the order starts with the merchant’s label', async () => {
    const { form, transId } = await hostedForm(await postForm('/pay', { lang: 'fr', amount: '750', designation: 'Cantine', ...AWA }));
    expect(form.action).toMatch(PAYMENT_URL);
    expect(await publicOrder(transId)).toMatchObject({ status: 'PENDING', amount: 750, designation: 'Don : Cantine' });
  });

  it('a refused email brings back the amount, the designation and the customer as typed; a refused amount keeps the customer too', async () => {
    const before = await orderObjectCount();
    const badEmail = await postForm('/pay', { lang: 'en', amount: '750', designation: 'School meals', ...AWA, email: 'nobody' });
    expect(badEmail.status).toBe(400);
    const page = await parsePage(badEmail);
    expect(page.forms[0]?.fields).toEqual({ lang: 'en', amount: '750', designation: 'School meals', ...AWA, email: 'nobody' });
    expect(page.text).toContain('Enter your first name, your last name and a valid email address');
    expect(customerInputs(page)['email']?.[4]).toBe(true);

    const badAmount = await postForm('/pay', { lang: 'fr', amount: '50', designation: 'Cantine', ...AWA });
    expect(badAmount.status).toBe(400);
    const amountPage = await parsePage(badAmount);
    expect(amountPage.forms[0]?.fields).toEqual({ lang: 'fr', amount: '50', designation: 'Cantine', ...AWA });
    expect(amountPage.text).toContain('Entrez un montant entier');
    expect(Object.values(customerInputs(amountPage)).map((input) => input[4])).toEqual([false, false, false]);
    expect(await orderObjectCount()).toBe(before);
  });
});
