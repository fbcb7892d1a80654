/**
 * UNPAID_RETENTION against a verification in flight. An order that reaches
 * its retention time while a check is still waiting for CinetPay (a late
 * notification, the customer's return, the console's re-check) is deleted
 * by its alarm under that check; when CinetPay's answer is "paid", the
 * payment is lost with the order: no ACCEPTED, no order.paid, no notice, no
 * receipt. The order is made by a real checkout and paid on the sandbox
 * without a notification; its object is then driven by an instance whose
 * settings say "re-check after 1 s, delete after 2 s", as retention.test.ts
 * does, with a check started just before the alarm runs.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderStub } from '../../worker/src/order-object';
import { checkout, eventually, indexWritten, pay, postHostedForm, resetSandbox, wokenOrder } from './support';

const SHORT: Env = { ...env, RECHECK_SCHEDULE: '1s', UNPAID_RETENTION: '2s' };

beforeEach(resetSandbox);

describe('an order that expires while a check is in flight', () => {
  it('keeps the payment that check confirms', async () => {
    const started = await checkout();
    await postHostedForm(started);
    // Paid on CinetPay's side; the notification never arrives.
    await pay(started.transId, 'success', 0);
    const left = await runInDurableObject(orderStub(env, started.transId), async (_instance, state) => {
      const createdAt = await indexWritten(state);
      await eventually(async () => (Date.now() > createdAt + 3_000 ? true : undefined));
      const order = await wokenOrder(state, SHORT);
      const checking = order.verify('admin');
      await order.alarm();
      const checked = await checking.then(
        (outcome) => (outcome.ok ? outcome.value.order.status : outcome.error.kind),
        (error: unknown) => (error instanceof Error ? error.message : 'error'),
      );
      return { checked, stored: await order.view() };
    });
    expect(left.checked).toBe('ACCEPTED');
    expect(left.stored, 'the paid order was deleted').toMatchObject({ transId: started.transId, status: 'ACCEPTED' });
  }, 30_000);
});
