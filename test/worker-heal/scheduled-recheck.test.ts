/**
 * Orders that heal themselves by their own alarm (RECHECK_SCHEDULE is
 * `3s,6s,60s` in this project), with no notification and no customer coming
 * back: the schedule is the only path to ACCEPTED here. Nothing scans an
 * index, so a thousand abandoned checkouts cannot starve a paid order.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckoutResponse } from '../../shared/api/contract';
import { checkout, eventually, pay, postHostedForm, postJson, publicOrder, resetSandbox, sandbox, snapshot, webhookDeliveries } from '../worker/support';

beforeEach(resetSandbox);

/**
 * More than the old cron's 200-order scan window, which a paid order used to
 * wait behind forever. The resilience suite runs the same case with 1,000
 * over real HTTP; here, in one workerd process whose single sandbox object
 * serializes every call, each abandoned order costs three sandbox calls and
 * the count sets the run time.
 */
const ABANDONED_ORDERS = 250;

async function acceptedBySchedule(transId: string, timeoutMs: number): Promise<void> {
  await eventually(async () => ((await publicOrder(transId)).status === 'ACCEPTED' ? true : undefined), timeoutMs);
  const history = await snapshot(transId);
  expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toEqual([expect.objectContaining({ source: 'schedule' })]);
  expect(history.notifications).toEqual([]);
  const delivered = await eventually(async () => {
    const found = await webhookDeliveries(transId);
    return found.length > 0 ? found : undefined;
  });
  expect(delivered).toHaveLength(1);
}

async function abandon(index: number): Promise<CheckoutResponse> {
  const response = await postJson('/api/checkout', { product: 'casquette' }, { 'cf-connecting-ip': `10.${Math.floor(index / 250)}.${index % 250}.1` });
  expect(response.status).toBe(200);
  return response.json<CheckoutResponse>();
}

describe('an order whose notification was lost', () => {
  it('becomes ACCEPTED by its own scheduled re-check, once', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 0);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
    await acceptedBySchedule(started.transId, 15_000);
  });

  it('becomes ACCEPTED after a REFUSED first attempt, with no notification of the payment', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'otp_error', 0);
    await eventually(async () => ((await publicOrder(started.transId)).status === 'REFUSED' ? true : undefined), 15_000);
    await pay(started.transId, 'success', 0);
    await acceptedBySchedule(started.transId, 15_000);
    expect((await snapshot(started.transId)).transitions.map((transition) => [transition.to, transition.source])).toEqual([
      ['PENDING', 'checkout'],
      ['REFUSED', 'schedule'],
      ['ACCEPTED', 'schedule'],
    ]);
  });
});

describe(`${ABANDONED_ORDERS} abandoned checkouts`, () => {
  it('do not keep a paid order with a lost notification from being accepted by its schedule', async () => {
    for (let next = 0; next < ABANDONED_ORDERS; next += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, offset) => abandon(next + offset)));
    }
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 0);
    const paidAt = Date.now();
    // Within the schedule: by its last offset (60 s) at the latest, whatever the other orders' alarms cost the runtime.
    await acceptedBySchedule(started.transId, 90_000);
    const { calls } = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
    console.log(
      `starvation: ${ABANDONED_ORDERS} abandoned orders, the paid one accepted ${Date.now() - paidAt} ms after payment; ${calls['checkPayStatus'] ?? 0} checkPayStatus calls in all`,
    );
  }, 300_000);
});
