import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  admin,
  armFault,
  checkout,
  deliveryChannels,
  EVERY_CHANNEL,
  notificationBody,
  orderObjectCount,
  paidOrder,
  pay,
  postHostedForm,
  publicOrder,
  resetSandbox,
  snapshot,
  webhookDeliveries,
  worker,
} from './support';

beforeEach(resetSandbox);

/** An order whose customer paid, but whose notification has not arrived yet. */
async function paidButNotNotified() {
  const started = await checkout();
  await postHostedForm(started);
  await pay(started.transId, 'success', 0);
  return started;
}

function forgedNotification(transId: string, overrides: Record<string, string> = {}) {
  return notificationBody({
    cpm_trans_id: transId,
    cpm_site_id: '445160',
    cpm_amount: '5000',
    cpm_currency: 'CFA',
    cpm_result: '00',
    signature: 'f'.repeat(40),
    payment_method: 'OM',
    ...overrides,
  });
}

describe('forged and mismatched notifications change nothing', () => {
  it('an unknown transaction id: 404, and no order object stores anything', async () => {
    const response = await worker('/notify', forgedNotification('99999999999999'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } });
    const stub = env.ORDERS.get(env.ORDERS.idFromName('99999999999999'));
    const tables = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it('a foreign site id: 403, and the order is not even looked at', async () => {
    const started = await paidButNotNotified();
    const before = await orderObjectCount();
    const response = await worker('/notify', forgedNotification(started.transId, { cpm_site_id: '111111' }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FOREIGN_SITE_ID' } });
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    expect((await snapshot(started.transId)).notifications).toEqual([]);
    expect(await orderObjectCount()).toBe(before);
  });

  it('a body claiming success for an unpaid order: checkPayStatus says 607, the order stays PENDING', async () => {
    const started = await checkout();
    await postHostedForm(started);
    const response = await worker('/notify', forgedNotification(started.transId, { signature: started.fields.signature }));
    expect(response.status).toBe(200);
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'PENDING', resultCode: '607' });
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('checkPayStatus reports another amount: not accepted, nothing fulfilled', async () => {
    const started = await paidButNotNotified();
    await armFault({ method: 'checkPayStatus', fault: 'amount_mismatch', count: 1 });
    await worker('/notify', forgedNotification(started.transId));
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    expect((await snapshot(started.transId)).notifications.at(-1)?.outcome).toBe('mismatch AMOUNT_MISMATCH');
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('checkPayStatus reports another signature: not accepted, nothing fulfilled', async () => {
    const started = await paidButNotNotified();
    await armFault({ method: 'checkPayStatus', fault: 'signature_mismatch', count: 1 });
    await worker('/notify', forgedNotification(started.transId));
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    expect((await snapshot(started.transId)).notifications.at(-1)?.outcome).toBe('mismatch SIGNATURE_MISMATCH');
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('a result that is not 00: refused, never accepted, whatever the body says', async () => {
    const started = await paidOrder('otp_error');
    await worker('/notify', forgedNotification(started.transId, { cpm_result: '00', signature: started.fields.signature }));
    expect((await publicOrder(started.transId)).status).toBe('REFUSED');
    expect(await webhookDeliveries(started.transId)).toEqual([]);
  });

  it('an ACCEPTED order stays ACCEPTED when a later check reports a refusal', async () => {
    const started = await paidOrder('success');
    await armFault({ method: 'checkPayStatus', fault: 'result_flip', count: 5 });
    await worker('/notify', forgedNotification(started.transId));
    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status).toBe(200);
    const history = await snapshot(started.transId);
    expect(history.order.status).toBe('ACCEPTED');
    expect(history.transitions.map((transition) => transition.to)).toEqual(['PENDING', 'ACCEPTED']);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
  });

  it('a REFUSED order becomes ACCEPTED only when checkPayStatus later verifies the payment', async () => {
    const started = await paidOrder('otp_error');
    await pay(started.transId, 'success');
    const history = await snapshot(started.transId);
    expect(history.transitions.map((transition) => transition.to)).toEqual(['PENDING', 'REFUSED', 'ACCEPTED']);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
  });
});
