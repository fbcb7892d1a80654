/**
 * A REFUSED order paid later, recovered by the customer's return: a wrong
 * OTP first (notified, the order goes REFUSED), then a successful payment of
 * the same transaction whose notification is lost. The customer's browser
 * comes back to `/return`, which checks the order and sends it to the
 * success page. On the main stack, where no order re-checks itself during
 * the suite, so the recovery can come from the return alone (heal.test.ts
 * has the same payment recovered by the schedule).
 */

import { afterEach, describe, expect, it } from 'vitest';
import {
  checkPayStatusCalls,
  count,
  customerIp,
  deliveredAll,
  judgePaid,
  openOrder,
  pay,
  recordTally,
  refuseNotified,
  STACK,
  sandboxTransaction,
  snapshot,
  worker,
} from './support';

afterEach(({ task }) => recordTally(task));

describe('a REFUSED order paid later', () => {
  it('with its notification lost, is ACCEPTED when the customer comes back to /return', async () => {
    const checksBefore = await checkPayStatusCalls();
    const started = await openOrder('192.0.2.180');
    const notifiedBefore = await refuseNotified(started.transId);
    await pay(started.transId, 'success', 0);

    const back = await worker(`/return?trans_id=${started.transId}`, { ip: customerIp(started.transId) });
    const checks = (await checkPayStatusCalls()) - checksBefore;
    const history = await snapshot(started.transId);
    const { notifications } = await sandboxTransaction(started.transId);
    await deliveredAll([started.transId]);
    const fulfilment = await judgePaid([started.transId]);
    count({
      refusedOrders: 1,
      refusedByReturn: history.transitions.filter((transition) => transition.to === 'ACCEPTED' && transition.source === 'return').length,
      refusedNotificationsAfterPayment: history.notifications.length - notifiedBefore,
      refusedChecks: checks,
      paidOrders: 1,
      lostOrders: fulfilment.lost.length,
      doubleFulfilments: fulfilment.double.length,
      sameIdRedeliveries: fulfilment.sameIdRedeliveries,
    });
    console.log(`REFUSED, then paid: ACCEPTED by /return; ${checks} checkPayStatus calls from checkout to ACCEPTED`);

    expect(back.status, back.text).toBe(303);
    const location = new URL(back.headers['location'] ?? '', STACK.workerUrl);
    expect([location.pathname, location.searchParams.get('trans_id'), location.searchParams.get('status')]).toEqual([
      '/success.html',
      started.transId,
      'ACCEPTED',
    ]);
    expect(history.transitions.map((transition) => [transition.to, transition.source])).toEqual([
      ['PENDING', 'checkout'],
      ['REFUSED', 'notify'],
      ['ACCEPTED', 'return'],
    ]);
    expect(history.notifications.length, 'notifications the Worker received after the payment').toBe(notifiedBefore);
    expect(notifications.length, 'notifications CinetPay sent').toBe(1);
    expect(fulfilment.lost, 'lost').toEqual([]);
    expect(fulfilment.double, 'fulfilled twice').toEqual([]);
  });
});
