import { beforeEach, describe, expect, it } from 'vitest';
import { decodeProducts } from '../../shared/api/decode';
import { verifyWebhook } from '../../worker/src/standard-webhooks';
import { captureLogs } from '../support/capture-logs';
import {
  admin,
  eventually,
  objectsStoringSomethingSince,
  orderObjectIds,
  pay,
  publicOrder,
  resetSandbox,
  sandbox,
  snapshot,
  WEBHOOK_SECRET,
  webhookDeliveries,
  worker,
} from '../worker/support';
import { API_KEY, API_PASSWORD, armFault2026, CUSTOMER, calls, checkout2026, expireTokens, openOrder, sentNotifications } from './support';

beforeEach(resetSandbox);

async function sandboxTransactions(): Promise<unknown[]> {
  return (await sandbox<{ transactions: unknown[] }>('/__sandbox/transactions')).transactions;
}
const logs = captureLogs();

describe("the whole flow on CinetPay's 2026 API, Worker against the real sandbox", () => {
  it('checkout -> payment_url -> hosted page -> success -> notification with its notify_token -> status SUCCESS -> ACCEPTED -> one order.paid', async () => {
    const started = await checkout2026({ product: 'tshirt-m', custom: 'commande-2026', ...CUSTOMER });
    expect(Object.keys(started).sort()).toEqual(['action', 'method', 'transId']);
    expect(started.action).toMatch(/^http:\/\/127\.0\.0\.1:8788\/v2\/pay\/[0-9a-f]{64}$/);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');

    const page = await fetch(started.action);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('T-shirt CinetPay (M)');
    await pay(started.transId, 'success');

    expect(await publicOrder(started.transId)).toMatchObject({ status: 'ACCEPTED', amount: 5000, currency: 'CFA', paymentMethod: 'OM', resultCode: '100' });
    const [sent, ...more] = await sentNotifications(started.transId);
    expect(more).toEqual([]);
    expect(sent?.status).toBe(200);
    expect(Object.keys(sent?.fields ?? {}).sort()).toEqual(['merchant_transaction_id', 'notify_token', 'status', 'transaction_id']);

    const [delivery, ...others] = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(others).toEqual([]);
    if (!delivery) throw new Error('no delivery');
    expect(await verifyWebhook(WEBHOOK_SECRET, new Headers(delivery.headers), delivery.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'order.paid', data: { transId: started.transId, amount: 5000 } });

    const history = await snapshot(started.transId);
    expect(history.order.api).toBe('2026');
    expect(history.order.payId).toBe(sent?.fields['transaction_id']);
    expect(history.transitions.map((transition) => [transition.from, transition.to, transition.source])).toEqual([
      [null, 'PENDING', 'checkout'],
      ['PENDING', 'ACCEPTED', 'notify'],
    ]);
    // The notification is kept for the record without its token.
    expect(history.notifications[0]?.fields).toEqual({ merchant_transaction_id: started.transId, transaction_id: sent?.fields['transaction_id'] });
    expect(JSON.stringify(history)).not.toContain(sent?.fields['notify_token']);
  });

  it.each([
    ['otp_error', 'REFUSED', '105'],
    ['insufficient_balance', 'REFUSED', '106'],
    ['cancel', 'CANCELLED', '103'],
    ['pending', 'PENDING', '102'],
  ] as const)('outcome %s: the status call decides %s (code %s), no order.paid', async (outcome, status, code) => {
    const started = await openOrder();
    await pay(started.transId, outcome);
    expect(await publicOrder(started.transId)).toMatchObject({ status, resultCode: code });
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('a pending payment completed later: PENDING, then ACCEPTED on the next notification, exactly one order.paid', async () => {
    const started = await openOrder();
    await pay(started.transId, 'pending');
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    await pay(started.transId, 'success', 3);
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    const deliveries = await eventually(async () => {
      const found = await webhookDeliveries(started.transId);
      return found.length > 0 ? found : undefined;
    });
    expect(deliveries).toHaveLength(1);
    expect((await snapshot(started.transId)).transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
  });

  it('the return page (success_url and failed_url) verifies with the status call and sends the customer to the shop', async () => {
    const paid = await openOrder();
    await pay(paid.transId, 'success', 0);
    const back = await worker(`/return?trans_id=${paid.transId}`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain('/success.html');
    expect((await publicOrder(paid.transId)).status).toBe('ACCEPTED');

    const failed = await openOrder();
    await pay(failed.transId, 'otp_error', 0);
    const away = await worker(`/return?trans_id=${failed.transId}`, { redirect: 'manual' });
    expect(away.headers.get('location')).toContain('/failure.html');
  });

  it('logs in once and reuses the token for later calls', async () => {
    // Whatever token this isolate cached in earlier tests is now refused: exactly one login must follow.
    await expireTokens();
    await checkout2026();
    await checkout2026();
    await checkout2026();
    const counted = await calls();
    expect(counted['2026/login']).toBe(1);
    // At most one payment call met the stale token; every other one went through with the new token.
    expect(counted['2026/payment']).toBeGreaterThanOrEqual(3);
    expect(counted['2026/payment']).toBeLessThanOrEqual(4);
  });

  it('a token that expires between checkout and notification is refreshed once, and the order still completes', async () => {
    const started = await openOrder();
    await expireTokens();
    const loginsBefore = (await calls())['2026/login'] ?? 0;
    await pay(started.transId, 'success');
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    expect(((await calls())['2026/login'] ?? 0) - loginsBefore).toBe(1);
    expect(logs()).toContain('"event":"access_token_refused"');
  });

  it('EXPIRED_TOKEN under HTTP 200 mid-flight: one new login, one retry, the order completes', async () => {
    const started = await openOrder();
    await armFault2026({ method: '2026/status', fault: 'expired_token', count: 1 });
    const loginsBefore = (await calls())['2026/login'] ?? 0;
    await pay(started.transId, 'success');
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    expect(((await calls())['2026/login'] ?? 0) - loginsBefore).toBe(1);
  });

  it('HTTP 401 once on the payment call: one new login, one retry, the checkout succeeds', async () => {
    await checkout2026();
    await armFault2026({ method: '2026/payment', fault: 'unauthorized', count: 1 });
    const started = await checkout2026();
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
  });

  it('a token refused twice in a row is not retried forever: 502, no order stored', async () => {
    await checkout2026();
    await armFault2026({ method: '2026/payment', fault: 'unauthorized', count: 2 });
    const before = await orderObjectIds();
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ product: 'tshirt-m', ...CUSTOMER }),
    });
    expect(response.status).toBe(502);
    // The order opened while the payment was asked for is discarded: its object stores nothing.
    expect(await objectsStoringSomethingSince(before)).toEqual([]);
  });

  it('a login that fails: a clear 502 naming the refusal, and nothing stored', async () => {
    await expireTokens();
    await armFault2026({ method: '2026/login', fault: 'unauthorized', count: 1 });
    const before = await orderObjectIds();
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ product: 'tshirt-m', ...CUSTOMER }),
    });
    expect(response.status).toBe(502);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('CINETPAY_401_INVALID_CREDENTIALS');
    expect(body.error.message).toContain('oauth/login');
    // The order opened while the payment was asked for is discarded: its object stores nothing.
    expect(await objectsStoringSomethingSince(before)).toEqual([]);
    expect((await calls())['2026/payment'] ?? 0).toBe(0);
  });

  it('a slow login: the checkout times out with 502 UPSTREAM_TIMEOUT and stores nothing', async () => {
    await expireTokens();
    await armFault2026({ method: '2026/login', fault: 'timeout', count: 1, delayMs: 3000 });
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ product: 'tshirt-m', ...CUSTOMER }),
    });
    expect(response.status).toBe(502);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('UPSTREAM_TIMEOUT');
    expect(await sandboxTransactions()).toEqual([]);
  });

  it('the status call down while a notification arrives: 503, order unchanged; the next notification completes it', async () => {
    const started = await openOrder();
    await armFault2026({ method: '2026/status', fault: 'http_500', count: 1 });
    await pay(started.transId, 'success');
    const [first] = await sentNotifications(started.transId);
    expect(first?.status).toBe(503);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    await eventually(async () => ((await publicOrder(started.transId)).status === 'ACCEPTED' ? true : undefined));
  });

  it('the checkout needs the customer: 400 INVALID_CUSTOMER without a name or a valid email, nothing sent to CinetPay', async () => {
    for (const body of [
      { product: 'tshirt-m' },
      { product: 'tshirt-m', ...CUSTOMER, customerEmail: 'not-an-email' },
      { product: 'tshirt-m', ...CUSTOMER, customerFirstName: '' },
      { product: 'tshirt-m', ...CUSTOMER, customerLastName: '<script>' },
    ]) {
      const response = await worker('/api/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect((await response.json<{ error: { code: string } }>()).error.code).toBe('INVALID_CUSTOMER');
    }
    expect((await calls())['2026/payment'] ?? 0).toBe(0);
    // And the catalog says so, for a shop to know that it must ask.
    const catalog = decodeProducts(await (await worker('/api/products')).json());
    expect(catalog?.customerRequired).toBe(true);
  });

  it('admin: the balance comes from v1/balances; the transaction list is not offered by this API', async () => {
    await pay((await openOrder()).transId, 'success');
    const balance = await admin('/admin/balance');
    expect(balance.status).toBe(200);
    const body = await balance.json<{ user: { compte: { solde: string } } }>();
    expect(Number(body.user.compte.solde)).toBeGreaterThan(0);
    const transactions = await admin('/admin/transactions');
    expect(transactions.status).toBe(501);
    expect((await transactions.json<{ error: { code: string } }>()).error.code).toBe('NOT_SUPPORTED_BY_API');
  });

  it('no api_key, api_password or access token in any answer, page or log line of a whole flow with a token refresh', async () => {
    const bodies: string[] = [];
    const started = await checkout2026();
    bodies.push(JSON.stringify(started));
    await fetch(started.action);
    await expireTokens();
    await pay(started.transId, 'success');
    for (const path of [`/api/orders/${started.transId}`, `/return?trans_id=${started.transId}`, '/healthz']) {
      bodies.push(await (await worker(path, { redirect: 'manual' })).text());
    }
    for (const path of [`/admin/orders/${started.transId}`, '/admin/balance', '/admin/transactions', '/admin/', '/admin/orders']) {
      bodies.push(await (await admin(path)).text());
    }
    const [sent] = await sentNotifications(started.transId);
    const notifyToken = sent?.fields['notify_token'] ?? 'missing';
    const seen = `${bodies.join('\n')}\n${logs()}`;
    expect(seen).not.toContain(API_KEY);
    expect(seen).not.toContain(API_PASSWORD);
    expect(seen).not.toContain(notifyToken);
    expect(seen).not.toMatch(/sbx_at\.\d+\.\d+\.[0-9a-f]+\.[0-9a-f]{64}/);
    expect(logs()).toContain(started.transId);
  });
});
