import { describe, expect, it } from 'vitest';
import { X_TOKEN_FIELDS } from '../../shared/cinetpay/v2-wire';
import { APIKEY, call, captured, control, MERCHANT, newTransId, press, SITE_ID, settled } from './support';

function payment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apikey: APIKEY,
    site_id: SITE_ID,
    transaction_id: newTransId(),
    amount: 5000,
    currency: 'XOF',
    description: 'T-shirt CinetPay (M)',
    notify_url: `${MERCHANT}/notify`,
    return_url: `${MERCHANT}/return`,
    channels: 'ALL',
    lang: 'fr',
    ...overrides,
  };
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json<Record<string, unknown>>() };
}

async function created(body = payment()): Promise<{ transId: string; token: string; url: string }> {
  const answer = await post('/v2/payment', body);
  expect(answer.status).toBe(200);
  const data = answer.json['data'] as { payment_token: string; payment_url: string };
  return { transId: String(body['transaction_id']), token: data.payment_token, url: data.payment_url };
}

describe('POST /v2/payment', () => {
  it('creates the payment: 201 CREATED, a payment_token and the payment_url of the hosted page', async () => {
    const answer = await post('/v2/payment', payment());
    expect(answer.json).toMatchObject({ code: '201', message: 'CREATED' });
    const data = answer.json['data'] as { payment_token: string; payment_url: string };
    expect(data.payment_url).toBe(`http://127.0.0.1:8788/v2/pay/${data.payment_token}`);
    expect(JSON.stringify(answer.json)).not.toContain(APIKEY);
  });

  it.each([
    ['a missing field', { description: undefined }, 400, '608', 'MINIMUM_REQUIRED_FIELDS'],
    ['a wrong apikey', { apikey: 'not-the-apikey' }, 403, '609', 'AUTH_NOT_FOUND'],
    ['another site', { site_id: '999' }, 403, '613', 'ERROR_SITE_ID_NOTVALID'],
    ['an amount that is not a multiple of 5', { amount: 5001 }, 400, '611', 'ERROR_AMOUNT_TYPE'],
    ['an amount below 100', { amount: 95 }, 400, '641', 'ERROR_AMOUNT_TOO_LOW'],
    ['a currency v2 does not take', { currency: 'EUR' }, 400, '612', 'ERROR_CURRENCY_NOTVALID'],
    ['a language other than fr and en', { lang: 'de' }, 400, '615', 'ERROR_LANGUAGE_NOTVALID'],
    ['a description with #', { description: 'Commande #42' }, 400, '608', 'MINIMUM_REQUIRED_FIELDS'],
    ['a notify_url that is not http(s)', { notify_url: 'javascript:alert(1)' }, 400, '606', 'INCORRECT_SETTINGS'],
    ['an unknown channel', { channels: 'CASH' }, 400, '608', 'MINIMUM_REQUIRED_FIELDS'],
  ])("refuses %s with CinetPay's code", async (_name, overrides, status, code, message) => {
    const answer = await post('/v2/payment', payment(overrides));
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ code, message });
    expect(typeof answer.json['description']).toBe('string');
    expect(JSON.stringify(answer.json)).not.toContain('not-the-apikey');
  });

  it('refuses a body that is not JSON with 608', async () => {
    const answer = await post('/v2/payment', 'apikey=x');
    expect(answer).toMatchObject({ status: 400, json: { code: '608' } });
  });

  it('answers an HTTP 500 when a fault is armed on payment, then works again', async () => {
    await control('/__sandbox/faults', 'POST', { method: 'payment', fault: 'http_500', count: 1 });
    expect((await call('/v2/payment', { method: 'POST', body: JSON.stringify(payment()) })).status).toBe(500);
    expect((await post('/v2/payment', payment())).json['code']).toBe('201');
  });
});

describe('GET /v2/pay/:token and POST /v2/payment/check', () => {
  it('the payment_url opens the hosted page; a success notifies the v2 fields and sends the customer back by POST', async () => {
    const { transId, token, url } = await created();
    const page = await call(new URL(url).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('T-shirt CinetPay (M)');
    const before = await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: transId });
    expect(before.json).toMatchObject({ code: '607', data: { status: 'PENDING', amount: '5000', currency: 'XOF' } });

    const back = await press(transId, 'success-om');
    const form = await back.text();
    expect(form).toContain(`action="${MERCHANT}/return"`);
    expect(form).toContain(`name="transaction_id" value="${transId}"`);
    expect(form).toContain(`name="token" value="${token}"`);
    await settled(transId);
    const [notification] = await captured(transId);
    const fields = new URLSearchParams(notification?.body ?? '');
    expect([...fields.keys()]).toEqual([...X_TOKEN_FIELDS]);
    expect(fields.get('cpm_amount')).toBe('5000');
    expect(fields.get('signature')).toBe(token);

    const after = await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: transId });
    expect(after.json).toMatchObject({ code: '00', message: 'SUCCES', data: { status: 'ACCEPTED', amount: '5000', currency: 'XOF', payment_method: 'OM' } });
    expect((await call(new URL(url).pathname)).status).toBe(409);
  });

  it('reports a cancel as REFUSED 627 and the still-validating outcome as WAITING_FOR_CUSTOMER 623', async () => {
    const cancelled = await created();
    await press(cancelled.transId, 'cancel');
    expect((await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: cancelled.transId })).json).toMatchObject({
      code: '627',
      data: { status: 'REFUSED' },
    });
    const waiting = await created();
    await press(waiting.transId, 'pending');
    expect((await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: waiting.transId })).json).toMatchObject({
      code: '623',
      data: { status: 'WAITING_FOR_CUSTOMER' },
    });
  });

  it('answers 624 for a transaction v2 never created, 609 for a wrong apikey, and an unknown token page with 404', async () => {
    expect(await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: newTransId() })).toMatchObject({
      status: 404,
      json: { code: '624' },
    });
    expect(await post('/v2/payment/check', { apikey: 'nope', site_id: SITE_ID, transaction_id: newTransId() })).toMatchObject({
      status: 403,
      json: { code: '609' },
    });
    expect((await call(`/v2/pay/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('takes the record faults amount_mismatch and result_flip, but not signature_mismatch', async () => {
    const { transId } = await created();
    await press(transId, 'success-om');
    await control('/__sandbox/faults', 'POST', { method: 'payment/check', fault: 'amount_mismatch', count: 1 });
    expect((await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: transId })).json).toMatchObject({ data: { amount: '4999' } });
    await control('/__sandbox/faults', 'POST', { method: 'payment/check', fault: 'result_flip', count: 1 });
    expect((await post('/v2/payment/check', { apikey: APIKEY, site_id: SITE_ID, transaction_id: transId })).json).toMatchObject({
      code: '600',
      data: { status: 'REFUSED' },
    });
    expect((await control('/__sandbox/faults', 'POST', { method: 'payment/check', fault: 'signature_mismatch', count: 1 })).status).toBe(400);
  });
});
