import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkout,
  deliveryChannels,
  EVERY_CHANNEL,
  eventually,
  notificationBody,
  pay,
  postHostedForm,
  publicOrder,
  resetSandbox,
  sandbox,
  snapshot,
  webhookDeliveries,
  worker,
} from './support';

beforeEach(resetSandbox);

async function expectFulfilledOnce(transId: string): Promise<void> {
  const history = await snapshot(transId);
  expect(history.order.status).toBe('ACCEPTED');
  expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
  expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
  const deliveries = await eventually(async () => {
    const received = await webhookDeliveries(transId);
    return received.length > 0 ? received : undefined;
  });
  await new Promise((done) => setTimeout(done, 500));
  const ids = new Set((await webhookDeliveries(transId)).map((delivery) => delivery.headers['webhook-id']));
  expect(ids).toEqual(new Set([`msg_${transId}_paid`]));
  expect(deliveries.length).toBeGreaterThanOrEqual(1);
}

describe('POST /notify, exactly once', () => {
  it('fulfils once when the sandbox sends 50 notifications together', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 50);
    const history = await snapshot(started.transId);
    expect(history.notifications).toHaveLength(50);
    await expectFulfilledOnce(started.transId);
  });

  it('fulfils once when 50 notifications arrive at the Worker at the same instant, asking CinetPay once', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 0);
    const fields = { cpm_trans_id: started.transId, cpm_site_id: '445160', cpm_amount: '5000', signature: started.fields.signature };
    const calls = vi.spyOn(globalThis, 'fetch');
    const answers = await Promise.all(Array.from({ length: 50 }, () => worker('/notify', notificationBody(fields))));
    const checks = calls.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).includes('method=checkPayStatus'));
    calls.mockRestore();
    expect(checks).toHaveLength(1);
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 50 }, () => 200));
    const statuses = await Promise.all(answers.map((answer) => answer.json<{ status: string }>()));
    expect(new Set(statuses.map((status) => status.status))).toEqual(new Set(['ACCEPTED']));
    await expectFulfilledOnce(started.transId);
  });

  it('stays fulfilled once when CinetPay replays notifications later', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success');
    await sandbox(`/__sandbox/transactions/${started.transId}/notify`, { method: 'POST', body: JSON.stringify({ count: 10 }) });
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
    expect((await snapshot(started.transId)).notifications.slice(1).every((notification) => notification.outcome === 'already accepted')).toBe(true);
    await expectFulfilledOnce(started.transId);
  });

  it('answers the availability check GET /notify with 200', async () => {
    const response = await worker('/notify');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
