import { beforeEach, describe, expect, it } from 'vitest';
import { computeXToken } from '../../worker/src/x-token';
import { admin, armFault, pay, publicOrder, resetSandbox, sandbox, snapshot, webhookDeliveries } from '../worker/support';
import { checkoutV2, notifyV2, openPaymentPage, signed, v2Fields } from './support';

beforeEach(resetSandbox);

interface Attempt {
  readonly fields: Readonly<Record<string, string>>;
}

/** An order whose customer is on the payment page and has paid nothing. */
async function unpaidOrder(): Promise<string> {
  const started = await checkoutV2();
  await openPaymentPage(started);
  return started.transId;
}

/** The order's state as evidence: nothing a refused notification does may change any of it. */
async function evidence(transId: string) {
  const { order, transitions, notifications, checks, deliveries } = await snapshot(transId);
  return { status: order.status, resultCode: order.resultCode, transitions, notifications, checks, deliveries };
}

async function expectUnauthorized(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect((await response.json<{ error: { code: string } }>()).error.code).toBe('INVALID_X_TOKEN');
}

describe('POST /notify on v2: the forgery matrix (nothing is accepted that payment/check does not confirm)', () => {
  it('no x-token: 401, and the order, its logs and the payment service are untouched', async () => {
    const transId = await unpaidOrder();
    const before = await evidence(transId);
    const calls = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    await expectUnauthorized(await notifyV2(v2Fields(transId)));
    expect(await evidence(transId)).toEqual(before);
    expect((await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats')).calls['payment/check']).toBe(calls.calls['payment/check']);
  });

  /** Bad tokens, each made from the notification's fields and the right token. */
  const BAD_TOKENS: readonly (readonly [string, (fields: Record<string, string>, right: string) => Promise<string> | string])[] = [
    ['a random hex token', () => 'ab'.repeat(32)],
    ['a token signed with another key', (fields) => computeXToken(fields, 'another-secret-key-of-this-length')],
    ['a token that is not hex', () => 'not-a-token'],
    ['an empty token', () => ''],
    ['the right token with its last digit changed', (_fields, right) => `${right.slice(0, -1)}${right.endsWith('0') ? '1' : '0'}`],
  ];

  it.each(BAD_TOKENS)('a bad x-token (%s): 401, order unchanged', async (_name, make) => {
    const transId = await unpaidOrder();
    const fields = v2Fields(transId);
    const token = await make(fields, await signed(fields));
    const before = await evidence(transId);
    await expectUnauthorized(await notifyV2(fields, token));
    expect(await evidence(transId)).toEqual(before);
  });

  it("a valid token copied from another order's notification: 401 for this order, which stays PENDING", async () => {
    const paid = await checkoutV2();
    await openPaymentPage(paid);
    await pay(paid.transId, 'success');
    const { notifications } = await sandbox<{ notifications: Attempt[] }>(`/__sandbox/transactions/${paid.transId}`);
    const original = notifications[0]?.fields ?? {};
    const copiedToken = await signed({ ...original });
    const victim = await unpaidOrder();
    const before = await evidence(victim);
    await expectUnauthorized(await notifyV2({ ...original, cpm_trans_id: victim }, copiedToken));
    expect(await evidence(victim)).toEqual(before);
    expect((await publicOrder(victim)).status).toBe('PENDING');
  });

  it('a valid token on a "paid" notification for an order nobody paid: the check says pending, the order stays PENDING', async () => {
    const transId = await unpaidOrder();
    const fields = v2Fields(transId);
    const response = await notifyV2(fields, await signed(fields));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ transId, status: 'PENDING' });
    const history = await snapshot(transId);
    expect(history.order.status).toBe('PENDING');
    expect(history.notifications.map((notification) => notification.outcome)).toEqual(['pending 607']);
    expect(history.deliveries).toEqual([]);
  });

  it('a valid token on a notification whose check says another amount: not accepted, until a check confirms the stored amount', async () => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    await armFault({ method: 'payment/check', fault: 'amount_mismatch', count: 1 });
    await pay(started.transId, 'success');
    const mismatched = await snapshot(started.transId);
    expect(mismatched.order.status).toBe('PENDING');
    expect(mismatched.notifications.map((notification) => notification.outcome)).toEqual(['mismatch AMOUNT_MISMATCH']);
    expect(await webhookDeliveries(started.transId)).toEqual([]);
    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status).toBe(200);
    expect((await publicOrder(started.transId)).status).toBe('ACCEPTED');
  });

  it('a valid token on a notification whose check reports the payment refused: REFUSED, never ACCEPTED', async () => {
    const started = await checkoutV2();
    await openPaymentPage(started);
    await armFault({ method: 'payment/check', fault: 'result_flip', count: 1 });
    await pay(started.transId, 'success');
    expect(await publicOrder(started.transId)).toMatchObject({ status: 'REFUSED', resultCode: '600' });
  });

  it('a signed notification for a transaction that has no order: 404, and nothing is stored for it', async () => {
    const fields = v2Fields('20261129090000123456');
    const response = await notifyV2(fields, await signed(fields));
    expect(response.status).toBe(404);
    expect((await admin('/admin/orders/20261129090000123456')).status).toBe(404);
  });
});
