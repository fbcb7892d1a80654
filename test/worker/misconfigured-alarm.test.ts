/**
 * An order's alarm that fires while the Worker is misconfigured. A deploy
 * with one bad setting (a WEBHOOK_SECRET without its `whsec_` prefix, a
 * catalog typo) makes every request answer 503 CONFIGURATION_ERROR until the
 * merchant fixes it, and the order objects wake with the same settings. An
 * order whose alarm fires meanwhile must still have one afterwards: it is
 * the only thing that will ever re-check an order whose notification was
 * lost, retry its undelivered order.paid and notices, or delete it unpaid.
 * The order is made by a real checkout; its object is then driven by an
 * instance whose settings are broken, as after such a deploy.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/src/config';
import { orderStub } from '../../worker/src/order-object';
import { checkout, indexWritten, postHostedForm, wokenOrder } from './support';

/** The sandbox's settings with ADMIN_TOKEN too short: one setting /healthz names, and the whole Worker refuses to run. */
const MISCONFIGURED: Env = { ...env, ADMIN_TOKEN: 'too-short' };

describe('an alarm that fires while a setting is broken', () => {
  it('leaves the order an alarm, so that it still re-checks itself once the setting is fixed', async () => {
    expect(readConfig(MISCONFIGURED).ok).toBe(false);
    const started = await checkout();
    await postHostedForm(started);
    const alarm = await runInDurableObject(orderStub(env, started.transId), async (_instance, state) => {
      await indexWritten(state);
      expect(await state.storage.getAlarm()).not.toBeNull();
      const order = await wokenOrder(state, MISCONFIGURED);
      return state.blockConcurrencyWhile(async () => {
        // The runtime spends an alarm when it fires; only what the handler sets remains.
        await state.storage.deleteAlarm();
        await order.alarm();
        return state.storage.getAlarm();
      });
    });
    expect(alarm, 'the order has no alarm left: it would never re-check, deliver or expire again').not.toBeNull();
  });
});
