import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../worker/src/standard-webhooks';
import {
  APIKEY,
  admin,
  deliveryChannels,
  EVERY_CHANNEL,
  eventually,
  pay,
  publicOrder,
  resetSandbox,
  sandbox,
  snapshot,
  WEBHOOK_SECRET,
  webhookDeliveries,
  worker,
} from '../worker/support';
import { checkoutV2, openPaymentPage, SECRET_KEY } from './support';

beforeEach(resetSandbox);

interface Attempt {
  readonly fields: Readonly<Record<string, string>>;
  readonly status: number | null;
}

describe('the whole flow on CinetPay checkout v2, Worker against the real sandbox', () => {
  it('checkout -> payment_url -> hosted page -> success -> signed notification -> ACCEPTED -> one order.paid', async () => {
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ product: 'tshirt-m', custom: 'commande-42' }),
    });
    const text = await response.clone().text();
    // Nothing the browser receives holds a credential.
    expect(text).not.toContain(APIKEY);
    expect(text).not.toContain(SECRET_KEY);
    const started = await checkoutV2({ product: 'tshirt-m', custom: 'commande-43' });
    expect(Object.keys(started).sort()).toEqual(['action', 'method', 'transId']);
    expect(started.action).toMatch(/^http:\/\/127\.0\.0\.1:8788\/v2\/pay\/[0-9a-f]{64}$/);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');

    const page = await openPaymentPage(started);
    expect(await page.text()).toContain('T-shirt CinetPay (M)');
    await pay(started.transId, 'success');

    const order = await publicOrder(started.transId);
    expect(order).toMatchObject({ status: 'ACCEPTED', amount: 5000, currency: 'CFA', paymentMethod: 'OM', resultCode: '00' });

    const { notifications: attempts } = await sandbox<{ notifications: Attempt[] }>(`/__sandbox/transactions/${started.transId}`);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.status).toBe(200);
    // This project's CFA_ZONE is XAF: the payment was created, notified and verified in the BEAC's franc.
    expect(attempts[0]?.fields).toMatchObject({ cpm_trans_id: started.transId, cpm_amount: '5000', cpm_currency: 'XAF', cpm_custom: 'commande-43' });

    const [delivery, ...others] = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(others).toEqual([]);
    if (!delivery) throw new Error('no delivery');
    expect(await verifyWebhook(WEBHOOK_SECRET, new Headers(delivery.headers), delivery.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'order.paid', data: { transId: started.transId, amount: 5000, custom: 'commande-43' } });

    const history = await snapshot(started.transId);
    expect(history.order.api).toBe('v2');
    expect(history.transitions.map((transition) => [transition.from, transition.to, transition.source])).toEqual([
      [null, 'PENDING', 'checkout'],
      ['PENDING', 'ACCEPTED', 'notify'],
    ]);
    expect(history.notifications.map((notification) => notification.outcome)).toEqual(['paid']);
    expect(history.notifications[0]?.fields['cpm_error_message']).toBe('SUCCES');
  });

  it.each([
    ['otp_error', 'REFUSED', '604'],
    ['insufficient_balance', 'REFUSED', '602'],
    ['pending', 'PENDING', '623'],
    ['cancel', 'CANCELLED', '627'],
  ] as const)('the outcome %s ends the order %s (code %s), with no order.paid', async (outcome, status, code) => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    await pay(started.transId, outcome);
    expect(await publicOrder(started.transId)).toMatchObject({ status, resultCode: code, paidAt: null });
    expect((await snapshot(started.transId)).deliveries).toEqual([]);
  });

  it('a customer still validating on the phone (WAITING_FOR_CUSTOMER) who then pays ends ACCEPTED once', async () => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    await pay(started.transId, 'pending');
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    await sandbox(`/__sandbox/transactions/${started.transId}/outcome`, { method: 'POST', body: JSON.stringify({ outcome: 'success', notifications: 5 }) });
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    const history = await snapshot(started.transId);
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
  });

  it("the hosted page's buttons send the customer back to return_url by POST, which lands on the shop's page", async () => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    const back = await fetch('http://127.0.0.1:8788/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ trans_id: started.transId, choice: 'success-momo', lang: 'fr' }).toString(),
    });
    const form = await back.text();
    expect(form).toContain(`action="http://127.0.0.1:8787/return?trans_id=${started.transId}"`);
    expect(form).toContain('name="transaction_id"');
    expect(form).toContain('name="token"');
    for (const method of ['POST', 'GET']) {
      const landing = await worker(`/return?trans_id=${started.transId}`, {
        method,
        redirect: 'manual',
        ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `transaction_id=${started.transId}&token=x` } : {}),
      });
      expect(landing.status).toBe(303);
      expect(landing.headers.get('location')).toBe(`http://127.0.0.1:8787/success.html?trans_id=${started.transId}&status=ACCEPTED&lang=fr`);
    }
  });

  it('GET /notify answers the availability ping with 200', async () => {
    expect((await worker('/notify')).status).toBe(200);
  });

  it('a new payment_url page for a finished payment says so (620)', async () => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    await pay(started.transId, 'success');
    expect((await fetch(started.action)).status).toBe(409);
  });

  it('/admin/transactions and /admin/balance say plainly that v2 has no such call', async () => {
    for (const path of ['/admin/transactions', '/admin/balance']) {
      const response = await admin(path);
      expect(response.status).toBe(501);
      const body = await response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe('NOT_SUPPORTED_BY_API');
      expect(body.error.message).toContain('v2');
    }
  });

  it('an open amount that is not a multiple of 5 is refused before CinetPay is asked', async () => {
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ amount: 1001, designation: 'Cantine' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('INVALID_AMOUNT');
  });

  it('/healthz is green with CINETPAY_API = "v2" and the secret key set', async () => {
    expect(env.CINETPAY_API).toBe('v2');
    expect((await worker('/healthz')).status).toBe(200);
  });
});
