import { describe, expect, it } from 'vitest';
import { APIKEY, call, captured, control, held, MERCHANT, openPayment, order, press, release, scheduledRetry, settled, sign, status } from './support';

type Delivery = { id: number; body: string; headers: Record<string, string>; status: number; at: string };

function webhook(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return call('/__sandbox/webhook', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

async function deliveries(): Promise<Delivery[]> {
  return (await control<{ deliveries: Delivery[] }>('/__sandbox/webhook')).json.deliveries;
}

describe("POST /__sandbox/webhook (a receiver for the Worker's fulfilment webhooks)", () => {
  it('stores the raw body and every header, answers 200, and lists the delivery', async () => {
    const body = '{"type":"order.paid","data":{"transId":"42","amount":5000}}  ';
    const response = await webhook(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc=' });
    expect(response.status).toBe(200);
    const list = await deliveries();
    const delivery = list.at(-1);
    expect(delivery?.body).toBe(body);
    expect(delivery?.status).toBe(200);
    expect(delivery?.headers).toMatchObject({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': 'v1,abc=',
      'content-type': 'application/json',
    });
    expect(Date.parse(delivery?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 503 while an http_500 fault is armed for the webhook target, for exactly K deliveries', async () => {
    await control('/__sandbox/faults', 'POST', { target: 'webhook', fault: 'http_500', count: 2 });
    const before = (await deliveries()).length;
    expect((await webhook('{"n":1}')).status).toBe(503);
    expect((await webhook('{"n":2}')).status).toBe(503);
    expect((await webhook('{"n":3}')).status).toBe(200);
    expect((await deliveries()).slice(before).map((delivery) => [delivery.body, delivery.status])).toEqual([
      ['{"n":1}', 503],
      ['{"n":2}', 503],
      ['{"n":3}', 200],
    ]);
  });

  it('delays its answer while a timeout fault is armed', async () => {
    await control('/__sandbox/faults', 'POST', { target: 'webhook', fault: 'timeout', count: 1, delayMs: 300 });
    const started = Date.now();
    expect((await webhook('{}')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('GET /__sandbox/transactions', () => {
  it('shows a transaction: state, outcome, current checkPayStatus record, URLs, outcome history, never the apikey', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok`, return_url: `${MERCHANT}/return`, cpm_return_mode: 'post' });
    await press(opened.request.cpm_trans_id, 'pending');
    await control(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', { outcome: 'success' });
    const response = await call(`/__sandbox/transactions/${opened.request.cpm_trans_id}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(APIKEY);
    const { transaction, notifications } = JSON.parse(text) as {
      transaction: Record<string, unknown> & { events: { outcome: string; code: string; source: string }[]; record: Record<string, string> };
      notifications: unknown[];
    };
    expect(transaction).toMatchObject({
      transId: opened.request.cpm_trans_id,
      state: 'ACCEPTED',
      outcome: 'success',
      notifyUrl: `${MERCHANT}/ok`,
      returnUrl: `${MERCHANT}/return`,
      cancelUrl: null,
      returnMode: 'POST',
    });
    expect(transaction.events.map((event) => [event.outcome, event.code, event.source])).toEqual([
      ['pending', '623', 'page'],
      ['success', '00', 'control'],
    ]);
    const current = (await status(opened.request.cpm_trans_id)).json as { transaction: unknown };
    expect(transaction.record).toEqual(current.transaction);
    expect(notifications).toHaveLength(2);
  });

  it('lists transactions, newest first, signed-only ones included', async () => {
    const request = order();
    await sign(request);
    const opened = await openPayment();
    const list = (await control<{ transactions: { transId: string; state: string }[] }>('/__sandbox/transactions')).json.transactions;
    expect(list.slice(0, 2).map((tx) => [tx.transId, tx.state])).toEqual([
      [opened.request.cpm_trans_id, 'OPEN'],
      [request.cpm_trans_id, 'SIGNED'],
    ]);
  });

  it('answers 404 TRANSACTION_NOT_FOUND for an unknown trans id', async () => {
    const answer = await control<{ error: { code: string } }>('/__sandbox/transactions/31415926');
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('TRANSACTION_NOT_FOUND');
  });
});

describe('GET /__sandbox/stats', () => {
  type Calls = Record<'getSignatureByPost' | 'checkPayStatus' | 'getTransHistory' | 'getCompteStatus' | 'payment' | 'payment/check' | 'webhook', number>;
  const calls = async (): Promise<Calls> => (await control<{ calls: Calls }>('/__sandbox/stats')).json.calls;

  it('counts the calls of each API method and webhook delivery, faulted ones included, until a reset', async () => {
    const before = await calls();
    const request = order();
    await sign(request);
    await sign(order());
    await control('/__sandbox/faults', 'POST', { method: 'checkPayStatus', fault: 'http_500', count: 1 });
    for (let i = 0; i < 3; i++)
      await call('/v1/?method=checkPayStatus', { method: 'POST', body: `apikey=${APIKEY}&cpm_site_id=445160&cpm_trans_id=${request.cpm_trans_id}` });
    await webhook('{}');
    const after = await calls();
    expect(after.getSignatureByPost - before.getSignatureByPost).toBe(2);
    expect(after.checkPayStatus - before.checkPayStatus).toBe(3);
    expect(after.getCompteStatus - before.getCompteStatus).toBe(0);
    expect(after.webhook - before.webhook).toBe(1);
    await control('/__sandbox/reset', 'POST');
    expect(await calls()).toEqual({
      getSignatureByPost: 0,
      checkPayStatus: 0,
      getTransHistory: 0,
      getCompteStatus: 0,
      payment: 0,
      'payment/check': 0,
      '2026/login': 0,
      '2026/payment': 0,
      '2026/status': 0,
      '2026/balances': 0,
      webhook: 0,
      telegram: 0,
      slack: 0,
      discord: 0,
    });
  });
});

describe('POST /__sandbox/reset', () => {
  it('forgets transactions, notifications and their pending retries, faults and webhook deliveries', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/always-500` });
    const transId = opened.request.cpm_trans_id;
    await press(transId, 'success-om');
    await control('/__sandbox/faults', 'POST', { method: 'getCompteStatus', fault: 'http_500', count: 5 });
    await webhook('{}');
    const reset = await control('/__sandbox/reset', 'POST');
    expect(reset).toEqual({ status: 200, json: { reset: true } });
    expect((await control<{ transactions: unknown[] }>('/__sandbox/transactions')).json.transactions).toEqual([]);
    expect((await control<{ notifications: unknown[] }>('/__sandbox/notifications')).json.notifications).toEqual([]);
    expect((await control<{ faults: unknown[] }>('/__sandbox/faults')).json.faults).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect((await status(transId)).json).toEqual({ status: { code: '624', message: 'UNKNOWN_ERROR' } });
    // A retry may have been in flight during the reset (50 ms base); once it has ended, nothing is recorded and none is due.
    expect(await settled(transId)).toEqual([]);
    expect(await scheduledRetry()).toBeNull();
  });

  it('records nothing from a notification attempt still in flight when the reset happens', async () => {
    // The first attempt gets a 500; the merchant holds the retry open until this test lets it answer 200.
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/hold/1` });
    const transId = opened.request.cpm_trans_id;
    await press(transId, 'success-om');
    await held(transId);
    await control('/__sandbox/reset', 'POST');
    await release(transId);
    // Answers once the sandbox has handled the released answer: it was acknowledged, and must not have been stored.
    expect(await settled(transId)).toEqual([]);
    expect((await control<{ notifications: unknown[] }>('/__sandbox/notifications')).json.notifications).toEqual([]);
    expect((await control<{ transactions: unknown[] }>('/__sandbox/transactions')).json.transactions).toEqual([]);
    expect((await status(transId)).json).toEqual({ status: { code: '624', message: 'UNKNOWN_ERROR' } });
    expect(await scheduledRetry()).toBeNull();
    expect((await captured(transId)).map((request) => request.status)).toEqual([500, 200]);
  });
});

describe('GET /__sandbox/ (dashboard)', () => {
  it('shows transactions, notification attempts and webhook deliveries, escaped, unframeable', async () => {
    const opened = await openPayment({ cpm_designation: 'Café <b>&</b>' }, { notify_url: `${MERCHANT}/fail/1` });
    await press(opened.request.cpm_trans_id, 'success-om');
    await settled(opened.request.cpm_trans_id);
    expect((await captured(opened.request.cpm_trans_id)).map((request) => request.status)).toEqual([500, 200]);
    await webhook('{"type":"order.paid","note":"<i>x</i>"}', { 'webhook-id': 'msg_dash' });
    const response = await call('/__sandbox/');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    // A transaction id is 19 digits: on one line, or it reads as two numbers.
    expect(html).toContain(`<td class="nowrap"><a class="mono" href="/__sandbox/transactions/${opened.request.cpm_trans_id}">`);
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    expect(html).toContain('Café &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain('ACCEPTED');
    expect(html).toContain('HTTP 500');
    expect(html).toContain('HTTP 200');
    expect(html).toContain('msg_dash');
    expect(html).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(html).not.toContain(APIKEY);
  });

  it('/__sandbox redirects to /__sandbox/', async () => {
    const response = await call('/__sandbox');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/__sandbox/');
  });
});

describe('control API errors', () => {
  it('answers 404 NOT_FOUND for an unknown route and 405 for a known route with another method', async () => {
    const missing = await control<{ error: { code: string } }>('/__sandbox/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    const wrongMethod = await control<{ error: { code: string } }>('/__sandbox/reset', 'GET');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 404 outside every route', async () => {
    expect((await call('/somewhere')).status).toBe(404);
  });
});
