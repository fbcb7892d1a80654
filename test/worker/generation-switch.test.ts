import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderFromBeforeTheMove } from './generation';
import { pay, publicOrder, resetSandbox, sandbox, snapshot } from './support';

beforeEach(resetSandbox);

describe('moving back from v2 to v1: orders created with v2 are still proven and verified with v2', () => {
  it('a v2 order in flight, notified with its x-token, is checked with payment/check and ends ACCEPTED once', async () => {
    expect(env.CINETPAY_API).toBe('v1');
    const transId = await orderFromBeforeTheMove('v2');
    const before = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    await pay(transId, 'success');
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    const after = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    expect((after.calls['payment/check'] ?? 0) - (before.calls['payment/check'] ?? 0)).toBe(1);
    expect((after.calls['checkPayStatus'] ?? 0) - (before.calls['checkPayStatus'] ?? 0)).toBe(0);
    const history = await snapshot(transId);
    expect(history.order.api).toBe('v2');
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
  });
});

describe('moving back from 2026 to v1: orders created with the 2026 API are still proven and verified with it', () => {
  it('a 2026 order in flight, notified with its notify_token, is checked with the 2026 status call and ends ACCEPTED once', async () => {
    expect(env.CINETPAY_API).toBe('v1');
    const transId = await orderFromBeforeTheMove('2026');
    const before = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    await pay(transId, 'success');
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    const after = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    expect((after.calls['2026/status'] ?? 0) - (before.calls['2026/status'] ?? 0)).toBe(1);
    expect((after.calls['checkPayStatus'] ?? 0) - (before.calls['checkPayStatus'] ?? 0)).toBe(0);
    expect((await snapshot(transId)).order.api).toBe('2026');
  });
});
