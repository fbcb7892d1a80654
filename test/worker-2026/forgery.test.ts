import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../support/capture-logs';
import { admin, pay, publicOrder, resetSandbox, sandbox, snapshot, webhookDeliveries } from '../worker/support';
import { armFault2026, calls, notify2026, openOrder, sentNotifications } from './support';

beforeEach(resetSandbox);
const logs = captureLogs();

/** The order's state as evidence: nothing a refused notification does may change any of it. */
async function evidence(transId: string) {
  const { order, transitions, notifications, checks, deliveries } = await snapshot(transId);
  return { status: order.status, resultCode: order.resultCode, transitions, notifications, checks, deliveries };
}

async function expectUnauthorized(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect((await response.json<{ error: { code: string } }>()).error.code).toBe('INVALID_NOTIFY_TOKEN');
}

/** An order left pending by its customer, and the real notification CinetPay sent for it (its token included). */
async function pendingOrder(): Promise<{ readonly transId: string; readonly real: Readonly<Record<string, string>> }> {
  const { transId } = await openOrder();
  await pay(transId, 'pending');
  const [sent] = await sentNotifications(transId);
  if (!sent) throw new Error('the sandbox sent no notification');
  return { transId, real: sent.fields };
}

describe('POST /notify on the 2026 API: the forgery matrix (nothing is accepted that the status call does not confirm)', () => {
  it.each([
    ['no notify_token', (real: Readonly<Record<string, string>>) => ({ merchant_transaction_id: real['merchant_transaction_id'] ?? '', status: 'SUCCESS' })],
    ['an empty notify_token', (real: Readonly<Record<string, string>>) => ({ ...real, notify_token: '', status: 'SUCCESS' })],
    ['a wrong notify_token', (real: Readonly<Record<string, string>>) => ({ ...real, notify_token: 'f'.repeat(48), status: 'SUCCESS' })],
    [
      'the right token with its last character changed',
      (real: Readonly<Record<string, string>>) => {
        const token = real['notify_token'] ?? '';
        return { ...real, notify_token: `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`, status: 'SUCCESS' };
      },
    ],
  ] as const)('%s: 401, the order and its logs untouched, the payment service not even asked', async (_name, forge) => {
    const { transId, real } = await pendingOrder();
    const before = await evidence(transId);
    const statusCalls = (await calls())['2026/status'];
    await expectUnauthorized(await notify2026(forge(real)));
    await expectUnauthorized(await notify2026(forge(real), 'form'));
    expect(await evidence(transId)).toEqual(before);
    expect((await calls())['2026/status']).toBe(statusCalls);
    expect(logs()).toContain(`{"event":"notify_refused","transId":"${transId}","code":"INVALID_NOTIFY_TOKEN"`);
  });

  it("another order's real token: 401 for this order, which stays PENDING", async () => {
    const paid = await openOrder();
    await pay(paid.transId, 'success');
    const [theirs] = await sentNotifications(paid.transId);
    const { transId } = await pendingOrder();
    const before = await evidence(transId);
    await expectUnauthorized(await notify2026({ ...theirs?.fields, merchant_transaction_id: transId, status: 'SUCCESS' }));
    expect(await evidence(transId)).toEqual(before);
    expect((await publicOrder(transId)).status).toBe('PENDING');
  });

  it('a cpm_* (v1/v2-shaped) notification for a 2026 order: 401, as it carries no notify_token', async () => {
    const { transId } = await pendingOrder();
    const before = await evidence(transId);
    const response = await notify2026({ cpm_trans_id: transId, cpm_site_id: '445160', cpm_result: '00' }, 'form');
    await expectUnauthorized(response);
    expect(await evidence(transId)).toEqual(before);
  });

  it('the right token, a body that says SUCCESS, a status call that says PENDING: accepted as a notification, the order stays PENDING', async () => {
    const { transId, real } = await pendingOrder();
    const response = await notify2026({ ...real, status: 'SUCCESS', amount: '5000' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ transId, status: 'PENDING' });
    const history = await snapshot(transId);
    expect(history.order.status).toBe('PENDING');
    expect(history.notifications.map((notification) => notification.outcome)).toEqual(['pending 102', 'pending 102']);
    expect(await webhookDeliveries(transId)).toEqual([]);
  });

  it('the right token while the status call says FAILED: REFUSED, never ACCEPTED, whatever the body claims', async () => {
    const { transId } = await openOrder();
    await armFault2026({ method: '2026/status', fault: 'result_flip', count: 1 });
    await pay(transId, 'success');
    expect(await publicOrder(transId)).toMatchObject({ status: 'REFUSED', resultCode: '104' });
    expect(await webhookDeliveries(transId)).toEqual([]);
  });

  it('the right token while the status call names another CinetPay transaction: not accepted, until a check names the right one', async () => {
    const { transId } = await openOrder();
    await armFault2026({ method: '2026/status', fault: 'other_transaction', count: 1 });
    await pay(transId, 'success');
    const mismatched = await snapshot(transId);
    expect(mismatched.order.status).toBe('PENDING');
    expect(mismatched.notifications.map((notification) => notification.outcome)).toEqual(['mismatch TRANS_ID_MISMATCH']);
    expect(await webhookDeliveries(transId)).toEqual([]);
    expect((await admin(`/admin/orders/${transId}/recheck`, { method: 'POST' })).status).toBe(200);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
  });

  it('the right token while the status call reports another amount: not accepted', async () => {
    const { transId } = await openOrder();
    await armFault2026({ method: '2026/status', fault: 'amount_mismatch', count: 1 });
    await pay(transId, 'success');
    expect((await publicOrder(transId)).status).toBe('PENDING');
    expect((await snapshot(transId)).notifications.map((notification) => notification.outcome)).toEqual(['mismatch AMOUNT_MISMATCH']);
  });

  it('a notification for a transaction that has no order: 404, and nothing is stored for it', async () => {
    const response = await notify2026({ notify_token: 'a'.repeat(48), merchant_transaction_id: '20261129090000123456', transaction_id: 'CP1' });
    expect(response.status).toBe(404);
    expect((await admin('/admin/orders/20261129090000123456')).status).toBe(404);
  });

  it('the same real notification many times, concurrently: one ACCEPTED transition, one order.paid', async () => {
    const { transId } = await openOrder();
    await pay(transId, 'success', 0);
    await sandbox(`/__sandbox/transactions/${transId}/notify`, { method: 'POST', body: JSON.stringify({ count: 8 }) });
    const sent = await sentNotifications(transId);
    expect(sent.map((attempt) => attempt.status)).toEqual(Array(8).fill(200));
    const history = await snapshot(transId);
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    expect(history.deliveries.filter((delivery) => delivery.channel === 'webhook')).toHaveLength(1);
    // …and at most one notice per channel the merchant turned on.
    const channels = history.deliveries.map((delivery) => delivery.channel);
    expect(new Set(channels).size).toBe(channels.length);
  });
});
