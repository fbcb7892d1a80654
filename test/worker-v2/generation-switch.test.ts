import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { orderFromBeforeTheMove } from '../worker/generation';
import { deliveryChannels, EVERY_CHANNEL, pay, publicOrder, resetSandbox, sandbox, snapshot, worker } from '../worker/support';

beforeEach(resetSandbox);

describe('moving a shop from v1 to v2: orders created with v1 are still verified with v1', () => {
  it('a v1 order in flight, notified without any x-token, is checked with checkPayStatus and ends ACCEPTED once', async () => {
    expect(env.CINETPAY_API).toBe('v2');
    const transId = await orderFromBeforeTheMove('v1');
    const before = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    await pay(transId, 'success', 3);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    const after = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    expect((after.calls['checkPayStatus'] ?? 0) - (before.calls['checkPayStatus'] ?? 0)).toBeGreaterThanOrEqual(1);
    expect((after.calls['payment/check'] ?? 0) - (before.calls['payment/check'] ?? 0)).toBe(0);
    const history = await snapshot(transId);
    expect(history.order.api).toBe('v1');
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    expect(deliveryChannels(history)).toEqual(EVERY_CHANNEL);
  });

  it('a v1 order is still refused on a forged v1 notification: its check decides, as before the move', async () => {
    const transId = await orderFromBeforeTheMove('v1');
    const forged = await worker('/notify', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeForm({ cpm_trans_id: transId, cpm_site_id: '445160', cpm_amount: '5000', cpm_result: '00' }),
    });
    expect(forged.status).toBe(200);
    expect((await publicOrder(transId)).status).toBe('PENDING');
  });

  it('a new order is a v2 order', async () => {
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787' },
      body: JSON.stringify({ product: 'casquette' }),
    });
    const { transId } = await response.json<{ transId: string }>();
    expect((await snapshot(transId)).order.api).toBe('v2');
  });
});
