/**
 * A Worker restart in the middle of a notification storm: 60 orders are
 * paid, each notified 5 times at once by the sandbox, and the Worker's
 * process is stopped and started again (same port, same persisted Durable
 * Object and KV state) while that goes on. Notifications that hit the
 * stopped Worker fail and are retried by the sandbox; afterwards CinetPay
 * replays each one. Every order must end ACCEPTED, every order.paid id be
 * delivered, none twice as an id (retries of the same id are counted apart).
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { FormCheckoutResponse } from '../../shared/api/contract';
import {
  count,
  eventually,
  judgePaid,
  mapLimit,
  notifyAgain,
  openOrder,
  paidEvents,
  pay,
  publicOrder,
  recordTally,
  restartWorker,
  type SandboxAttempt,
  sandbox,
  unhandledInLog,
  worker,
} from './support';

afterEach(({ task }) => recordTally(task));

const ORDERS = 60;
const COPIES = 5;
/** Ten orders per client address: the checkout limit is 60 a minute per address. */
const ipOf = (index: number): string => `192.0.2.${200 + Math.floor(index / 10)}`;

async function notAccepted(transIds: readonly string[]): Promise<string[]> {
  const statuses = await mapLimit(transIds, 8, async (transId) => ((await publicOrder(transId)).status === 'ACCEPTED' ? null : transId));
  return statuses.filter((transId): transId is string => transId !== null);
}

describe('a Worker restart in the middle of a notification storm', () => {
  it(`${ORDERS} orders paid, ${COPIES} notifications each, the Worker stopped and started mid-storm: all accepted, each order.paid id delivered once as an id`, async () => {
    const unhandledBefore = (await unhandledInLog()).length;
    const t0 = Date.now();
    const phases: string[] = [];
    const phase = (name: string): void => {
      phases.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    const orders: FormCheckoutResponse[] = await mapLimit(Array.from({ length: ORDERS }), 4, (_, index) => openOrder(ipOf(index)));
    const transIds = orders.map((started) => started.transId);
    phase('orders open');

    let paidSoFar = 0;
    let restart: Promise<void> | undefined;
    let restartedAfter = 0;
    await mapLimit(orders, 6, async (started) => {
      await pay(started.transId, 'success', COPIES);
      paidSoFar++;
      if (restart === undefined && paidSoFar >= ORDERS / 3) {
        restartedAfter = paidSoFar;
        phase('restart asked');
        restart = restartWorker().then(() => phase('restarted'));
      }
    });
    phase('storm sent');
    await restart;
    expect((await worker('/healthz')).status).toBe(200);

    const attempts = (await sandbox<{ notifications: SandboxAttempt[] }>('/__sandbox/notifications')).notifications.filter((attempt) =>
      transIds.includes(attempt.transId),
    );
    const failedAttempts = attempts.filter((attempt) => attempt.status === null || attempt.status >= 500).length;

    // CinetPay replays every notification once; then, for any order still behind, again (a loaded machine can time out a check).
    let behind: readonly string[] = transIds;
    let replayRounds = 0;
    const behindAfterStorm = (await notAccepted(transIds)).length;
    for (; behind.length > 0 && replayRounds < 5; behind = await notAccepted(transIds)) {
      replayRounds++;
      await mapLimit(behind, 6, (transId) => notifyAgain(transId, 1));
      phase(`replay ${replayRounds} (${behind.length} orders)`);
    }
    const unaccepted = behind;

    await eventually(
      'every order.paid delivered',
      async () => {
        const events = await paidEvents();
        return transIds.every((transId) => events.some((event) => event.transId === transId && event.status === 200)) ? true : undefined;
      },
      60_000,
      500,
    ).catch(() => undefined);
    phase('delivered');
    const fulfilment = await judgePaid(transIds);
    phase('judged');

    count({
      restartOrders: ORDERS,
      restartVerified: fulfilment.accepted,
      restartDelivered: fulfilment.delivered,
      paidOrders: ORDERS,
      lostOrders: fulfilment.lost.length,
      doubleFulfilments: fulfilment.double.length,
      sameIdRedeliveries: fulfilment.sameIdRedeliveries,
    });
    console.log(
      `restart after ${restartedAfter} of ${ORDERS} orders paid; ${attempts.length} notification attempts, ${failedAttempts} failed; ` +
        `${behindAfterStorm} not yet ACCEPTED after the storm, ${replayRounds} replay round(s); accepted ${fulfilment.accepted}, ` +
        `delivered ${fulfilment.delivered}, same-id redeliveries ${fulfilment.sameIdRedeliveries}; ${phases.join(', ')}`,
    );
    expect(unaccepted, 'not ACCEPTED after the replays').toEqual([]);
    expect(fulfilment.lost, 'lost').toEqual([]);
    expect(fulfilment.double, 'fulfilled twice').toEqual([]);
    expect((await unhandledInLog()).slice(unhandledBefore), "requests that reached the router's catch-all").toEqual([]);
  }, 240_000);
});
