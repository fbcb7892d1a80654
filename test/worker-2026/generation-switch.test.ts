import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderFromBeforeTheMove } from '../worker/generation';
import { pay, publicOrder, resetSandbox, snapshot } from '../worker/support';
import { CUSTOMER, calls, checkout2026, notify2026 } from './support';

beforeEach(resetSandbox);

describe('moving a shop from v1 or v2 to 2026: orders created before keep their generation', () => {
  it.each([
    ['v1', 'checkPayStatus'],
    ['v2', 'payment/check'],
  ] as const)('a %s order in flight is notified as before, checked with %s, and ends ACCEPTED once', async (generation, check) => {
    expect(env.CINETPAY_API).toBe('2026');
    const transId = await orderFromBeforeTheMove(generation);
    const before = await calls();
    await pay(transId, 'success', 2);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    const after = await calls();
    expect((after[check] ?? 0) - (before[check] ?? 0)).toBeGreaterThanOrEqual(1);
    expect((after['2026/status'] ?? 0) - (before['2026/status'] ?? 0)).toBe(0);
    const history = await snapshot(transId);
    expect(history.order.api).toBe(generation);
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
  });

  it('a notification shaped for the 2026 API cannot move a v2 order: 401, it has no notify_token', async () => {
    const transId = await orderFromBeforeTheMove('v2');
    const response = await notify2026({ notify_token: 'a'.repeat(48), merchant_transaction_id: transId, transaction_id: 'CP1' });
    expect(response.status).toBe(401);
    expect((await publicOrder(transId)).status).toBe('PENDING');
  });

  it('a new order is a 2026 order', async () => {
    const { transId } = await checkout2026({ product: 'casquette', ...CUSTOMER });
    expect((await snapshot(transId)).order.api).toBe('2026');
  });
});
