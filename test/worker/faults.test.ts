import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import workerModule from '../../worker/src/index';
import {
  armFault,
  checkout,
  eventually,
  notificationBody,
  objectsStoringSomethingSince,
  orderObjectIds,
  pay,
  postHostedForm,
  postJson,
  publicOrder,
  resetSandbox,
  snapshot,
  webhookDeliveries,
  worker,
} from './support';

beforeEach(resetSandbox);

describe('getSignatureByPost fails: checkout answers 502 and stores no order (the order it opened meanwhile is discarded)', () => {
  const cases = [
    { fault: 'timeout', delayMs: 3000, code: 'UPSTREAM_TIMEOUT' },
    { fault: 'http_500', code: 'UPSTREAM_UNAVAILABLE' },
    { fault: 'garbage', code: 'UPSTREAM_UNPARSEABLE' },
  ] as const;
  for (const { fault, code, ...rest } of cases) {
    it(`${fault} -> 502 ${code}`, async () => {
      await armFault({ method: 'getSignatureByPost', fault, count: 1, ...rest });
      const before = await orderObjectIds();
      const response = await postJson('/api/checkout', { product: 'tshirt-m' });
      expect(response.status).toBe(502);
      const body = await response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe(code);
      expect(body.error.message).not.toMatch(/at \w+ \(|\.ts:\d+/);
      expect(await objectsStoringSomethingSince(before)).toEqual([]);
      const retried = await postJson('/api/checkout', { product: 'tshirt-m' });
      expect(retried.status).toBe(200);
    });
  }

  it('a CinetPay refusal (609, wrong apikey) is carried through as CINETPAY_609_AUTH_NOT_FOUND', async () => {
    const response = await workerModule.fetch(
      new Request('http://127.0.0.1:8787/api/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
        body: JSON.stringify({ product: 'tshirt-m' }),
      }),
      { ...env, CINETPAY_APIKEY: 'a-wrong-apikey-for-this-site' },
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'CINETPAY_609_AUTH_NOT_FOUND' } });
  });
});

describe('checkPayStatus fails during notify: 503, order unchanged, completed later exactly once', () => {
  for (const fault of ['timeout', 'http_500', 'garbage'] as const) {
    it(`${fault}: 503, then a replay accepts it`, async () => {
      const started = await checkout();
      await postHostedForm(started);
      await pay(started.transId, 'success', 0);
      await armFault({ method: 'checkPayStatus', fault, count: 1, delayMs: 3000 });
      const fields = { cpm_trans_id: started.transId, cpm_site_id: '445160' };
      const first = await worker('/notify', notificationBody(fields));
      expect(first.status).toBe(503);
      expect((await publicOrder(started.transId)).status).toBe('PENDING');
      const replay = await worker('/notify', notificationBody(fields));
      expect(replay.status).toBe(200);
      const history = await snapshot(started.transId);
      expect(history.order.status).toBe('ACCEPTED');
      expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
      expect(history.notifications.map((notification) => notification.outcome)).toEqual([
        `upstream ${fault === 'http_500' ? 'unavailable' : fault === 'garbage' ? 'unparseable' : 'timeout'}`,
        'paid',
      ]);
    });
  }

  it("the sandbox's own retries get through once checkPayStatus recovers", async () => {
    const started = await checkout();
    await postHostedForm(started);
    await armFault({ method: 'checkPayStatus', fault: 'http_500', count: 2 });
    await pay(started.transId, 'success');
    const order = await eventually(async () => {
      const current = await publicOrder(started.transId);
      return current.status === 'ACCEPTED' ? current : undefined;
    });
    expect(order.status).toBe('ACCEPTED');
    expect((await snapshot(started.transId)).transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
  });
});

describe('the webhook receiver is down for a while', () => {
  it('order.paid is delivered once it comes back, always with the same id', async () => {
    await armFault({ target: 'webhook', fault: 'http_500', count: 3 });
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success');
    const deliveries = await eventually(async () => {
      const received = await webhookDeliveries(started.transId);
      return received.some((delivery) => delivery.status === 200) ? received : undefined;
    });
    expect(deliveries.map((delivery) => delivery.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(deliveries.map((delivery) => delivery.headers['webhook-id']))).toEqual(new Set([`msg_${started.transId}_paid`]));
    expect(new Set(deliveries.map((delivery) => delivery.body)).size).toBe(1);
    const history = await snapshot(started.transId);
    expect(history.deliveries.filter((delivery) => delivery.channel === 'webhook')).toMatchObject([{ attempts: 4, lastStatus: 200 }]);
    expect(history.deliveries[0]?.deliveredAt).not.toBeNull();
  });
});
