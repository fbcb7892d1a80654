import { beforeEach, describe, expect, it } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { parsePage } from '../worker/html-form';
import { APIKEY, pay, publicOrder, resetSandbox, WORKER, worker } from '../worker/support';
import { SECRET_KEY } from './support';

beforeEach(resetSandbox);

describe('a payment link on CinetPay checkout v2', () => {
  it('hands the customer to the payment_url with a GET form, holding no credential, and the order is paid through it', async () => {
    const response = await worker('/pay/casquette', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: WORKER },
      body: encodeForm({ lang: 'fr' }),
    });
    expect(response.status).toBe(200);
    const html = await response.clone().text();
    expect(html).not.toContain(APIKEY);
    expect(html).not.toContain(SECRET_KEY);
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:8788");
    const [form] = (await parsePage(response)).forms;
    expect(form?.method).toBe('get');
    expect(form?.action).toMatch(/^http:\/\/127\.0\.0\.1:8788\/v2\/pay\/[0-9a-f]{64}$/);
    expect(form?.fields).toEqual({});
    const transId = /Référence : (\d+)/.exec(html)?.[1] ?? '';

    const hosted = await fetch(form?.action ?? '');
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain('Casquette brodée');
    await pay(transId, 'success');
    expect(await publicOrder(transId)).toMatchObject({ status: 'ACCEPTED', amount: 2500 });
  });
});
