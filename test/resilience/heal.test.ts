/**
 * Orders that heal themselves, on the heal stack (global-setup.ts): there,
 * every order re-checks itself with `checkPayStatus` at the offsets of a
 * RECHECK_SCHEDULE in seconds after its checkout, until it is ACCEPTED. In
 * these tests nothing else asks: no notification reaches the Worker after
 * the payment, no customer comes back, no admin recheck. In order:
 *
 * 1. an order REFUSED (wrong OTP, notified), then paid with its notification
 *    lost, is ACCEPTED by its schedule (return.test.ts recovers one by /return);
 * 2. re-checks that meet upstream faults (5xx, garbage, timeouts, wrong
 *    records) change nothing wrongly; once the faults are spent the paid
 *    orders are ACCEPTED by their schedule, the others never (this replaced
 *    the reconciliation cron);
 * 3. starvation: three hundred abandoned checkouts re-checking themselves, and
 *    one order paid with its notification lost, ACCEPTED by its own schedule,
 *    with the sandbox's count of `checkPayStatus` calls held to one per order
 *    and offset due.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSnapshot, Transition } from '../../worker/src/order-record';
import {
  armedFaults,
  armFault,
  checkout,
  checkPayStatusCalls,
  clearFaults,
  count,
  deliveredAll,
  eventually,
  type FaultKind,
  judgePaid,
  mapLimit,
  openOrder,
  paidEvents,
  pay,
  recordTally,
  refuseNotified,
  sandboxTransaction,
  snapshot,
  unhandledInLog,
  useStack,
  wronglyFulfilled,
} from './support';

const HEAL = useStack('heal');
const SCHEDULE_MS = HEAL.recheckScheduleMs;
const LAST_OFFSET_MS = SCHEDULE_MS[SCHEDULE_MS.length - 1] ?? 0;

let unhandledBefore = 0;
beforeAll(async () => {
  await clearFaults();
  unhandledBefore = (await unhandledInLog()).length;
});
afterEach(({ task }) => recordTally(task));
afterAll(clearFaults);

const ip = (group: number, index = 0): string => `192.0.2.${group * 20 + index}`;

/**
 * When each order of this file that may still re-check itself was checked
 * out (the time its checkout request left: its schedule starts no earlier).
 * The starvation test bounds the sandbox's count with it.
 */
const onSchedule: number[] = [];

/** Until the order is ACCEPTED; its snapshot then. */
function accepted(transId: string): Promise<OrderSnapshot> {
  return eventually(
    `${transId} ACCEPTED`,
    async () => {
      const history = await snapshot(transId);
      return history.order.status === 'ACCEPTED' ? history : undefined;
    },
    LAST_OFFSET_MS + 30_000,
    250,
  );
}

function acceptance(history: OrderSnapshot): Transition[] {
  return history.transitions.filter((transition) => transition.to === 'ACCEPTED');
}

/** Each order ACCEPTED once, its one order.paid id delivered. */
async function expectFulfilledOnce(transIds: readonly string[]): Promise<void> {
  await deliveredAll(transIds);
  const fulfilment = await judgePaid(transIds);
  count({
    paidOrders: transIds.length,
    lostOrders: fulfilment.lost.length,
    doubleFulfilments: fulfilment.double.length,
    sameIdRedeliveries: fulfilment.sameIdRedeliveries,
  });
  expect(fulfilment.lost, 'lost').toEqual([]);
  expect(fulfilment.double, 'fulfilled twice').toEqual([]);
}

describe('orders heal themselves on their schedule', () => {
  it('REFUSED by a wrong OTP, then paid with the notification lost: ACCEPTED by the schedule, with no notification', async () => {
    const checksBefore = await checkPayStatusCalls();
    const started = await openOrder(ip(1));
    const notifiedBefore = await refuseNotified(started.transId);
    await pay(started.transId, 'success', 0);

    const history = await accepted(started.transId);
    const checks = (await checkPayStatusCalls()) - checksBefore;
    const { notifications } = await sandboxTransaction(started.transId);
    count({
      refusedOrders: 1,
      refusedBySchedule: acceptance(history).filter((transition) => transition.source === 'schedule').length,
      refusedNotificationsAfterPayment: history.notifications.length - notifiedBefore,
      refusedChecks: checks,
    });
    console.log(`REFUSED, then paid: ACCEPTED by the schedule; ${checks} checkPayStatus calls from checkout to ACCEPTED`);
    expect(history.transitions.map((transition) => transition.to)).toContain('REFUSED');
    expect(acceptance(history).map((transition) => transition.source)).toEqual(['schedule']);
    expect(history.notifications.length, 'notifications the Worker received after the payment').toBe(notifiedBefore);
    expect(notifications.length, 'notifications CinetPay sent').toBe(1);
    await expectFulfilledOnce([started.transId]);
  });

  it('re-checks that meet upstream faults change nothing wrongly; then the paid orders are ACCEPTED by the schedule, the others never', async () => {
    const slowMs = HEAL.upstreamTimeoutMs + 500;
    const faults: readonly (readonly [FaultKind, number])[] = [
      ['http_500', 3],
      ['garbage', 3],
      ['timeout', 2],
      ['amount_mismatch', 2],
      ['signature_mismatch', 2],
      ['result_flip', 2],
    ];
    // Armed before the orders exist: no other order of this stack is on its schedule, so only their re-checks take these.
    for (const [fault, times] of faults) await armFault('checkPayStatus', fault, times, fault === 'timeout' ? slowMs : undefined);
    const faultCount = faults.reduce((sum, [, times]) => sum + times, 0);

    const left = Date.now();
    const paid = await mapLimit(Array.from({ length: 3 }), 3, async (_, index) => {
      const started = await openOrder(ip(2, index));
      await pay(started.transId, 'success', 0);
      return started.transId;
    });
    const abandoned = (await checkout({ product: 'casquette' }, ip(3))).transId;
    const open = (await openOrder(ip(3, 1))).transId;
    const refused = (await openOrder(ip(3, 2))).transId;
    await pay(refused, 'otp_error', 0);
    const cancelled = (await openOrder(ip(3, 3))).transId;
    await pay(cancelled, 'cancel', 0);
    const unpaid = [abandoned, open, refused, cancelled];
    onSchedule.push(...unpaid.map(() => left));

    await eventually('every fault taken', async () => ((await armedFaults()) === 0 ? true : undefined), LAST_OFFSET_MS, 250);
    const histories = await mapLimit(paid, 3, accepted);
    const statuses = await mapLimit(unpaid, 4, async (transId) => {
      const expected = transId === refused ? 'REFUSED' : transId === cancelled ? 'CANCELLED' : 'PENDING';
      // The refusal and the cancellation were never notified: the schedule finds them.
      if (expected === 'PENDING') return (await snapshot(transId)).order.status;
      return eventually(
        `${transId} ${expected}`,
        async () => ((await snapshot(transId)).order.status === expected ? expected : undefined),
        LAST_OFFSET_MS,
        250,
      );
    });
    const wrong = await wronglyFulfilled(unpaid);
    count({
      faultedRecheckOrders: paid.length + unpaid.length,
      faultedRecheckPaid: paid.length,
      faultedRecheckFaults: faultCount,
      faultedRecheckAccepted: histories.filter((history) => acceptance(history).every((transition) => transition.source === 'schedule')).length,
      wrongFulfilments: wrong.length,
    });
    console.log(
      `faulted re-checks: ${paid.length + unpaid.length} orders, ${faultCount} faults taken; paid orders' transitions: ` +
        histories.map((history) => history.transitions.map((transition) => `${transition.to}/${transition.source}`).join(' > ')).join('; '),
    );
    expect(histories.map((history) => acceptance(history).map((transition) => transition.source))).toEqual(paid.map(() => ['schedule']));
    expect(statuses).toEqual(['PENDING', 'PENDING', 'REFUSED', 'CANCELLED']);
    expect(wrong).toEqual([]);
    await expectFulfilledOnce(paid);
    expect((await unhandledInLog()).slice(unhandledBefore), "requests that reached the router's catch-all").toEqual([]);
  });

  // On an idle 2-core machine they take about 25 s to check out, less than the schedule's last offset (40 s): all
  // are still re-checking when the paid order comes. (A thousand took 80 s, a third of the suite, to show it.)
  const ABANDONED = 300;
  /** CHECKOUT_LIMIT allows 60 a minute per address. */
  const PER_ADDRESS = 40;

  it(`starvation: one order paid with its notification lost among ${ABANDONED} abandoned checkouts is ACCEPTED by its own schedule, one order.paid`, async () => {
    const checksBefore = await checkPayStatusCalls();
    const began = Date.now();
    await mapLimit(Array.from({ length: ABANDONED }), 8, async (_, index) => {
      const left = Date.now();
      await checkout({ product: 'casquette' }, `203.0.113.${Math.floor(index / PER_ADDRESS)}`);
      onSchedule.push(left);
    });
    const checkedOut = Date.now();

    onSchedule.push(Date.now());
    const started = await openOrder(ip(4));
    await pay(started.transId, 'success', 0);
    const paidAt = Date.now();
    const history = await accepted(started.transId);
    const ended = Date.now();
    const checks = (await checkPayStatusCalls()) - checksBefore;
    // Each order of this file still on its schedule makes at most one call per offset due by now.
    const bound = onSchedule.reduce((sum, left) => sum + SCHEDULE_MS.filter((offset) => left + offset <= ended).length, 0);

    const acceptedAt = acceptance(history).map((transition) => Date.parse(transition.at));
    const healMs = (acceptedAt[0] ?? Number.NaN) - paidAt;
    await deliveredAll([started.transId]);
    const ids = new Set((await paidEvents()).filter((event) => event.transId === started.transId).map((event) => event.webhookId));
    count({ starvationAbandoned: ABANDONED, starvationHealMs: healMs, starvationPaidEvents: ids.size, starvationChecks: checks, starvationCheckBound: bound });
    console.log(
      `starvation: ${ABANDONED} abandoned checkouts in ${((checkedOut - began) / 1000).toFixed(1)} s; the paid order ACCEPTED by its schedule ` +
        `${(healMs / 1000).toFixed(1)} s after payment; ${checks} checkPayStatus calls meanwhile (at most ${bound})`,
    );
    expect(acceptance(history).map((transition) => transition.source)).toEqual(['schedule']);
    expect(history.notifications, 'notifications the Worker received').toEqual([]);
    expect(ids.size, 'order.paid ids').toBe(1);
    expect(checks, 'checkPayStatus calls: one per order and offset due at most').toBeLessThanOrEqual(bound);
    await expectFulfilledOnce([started.transId]);
    // Hundreds of checkouts through one sandbox take minutes on a busy 2-core machine.
  }, 480_000);
});
