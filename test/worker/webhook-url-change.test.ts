/**
 * A merchant who corrects FULFILLMENT_WEBHOOK_URL (a typo, a receiver moved
 * to another host) after an order was paid. The order's `order.paid` was
 * queued with the URL of that time; its retries and the console's re-send
 * must go where the setting now says, as the paid-order notices do
 * (notice-senders.ts reads its targets at each attempt). The order is paid
 * for real; its queued event is then given the old URL in its object's
 * storage, which is exactly what an order paid under the old setting holds.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderStub } from '../../worker/src/order-object';
import { admin, eventually, paidOrder, resetSandbox, SANDBOX, webhookDeliveries } from './support';

beforeEach(resetSandbox);

/** Where the merchant's receiver was: the sandbox answers 404 there. */
const OLD_URL = `${SANDBOX}/__sandbox/old-receiver`;

describe('order.paid after FULFILLMENT_WEBHOOK_URL was corrected', () => {
  it('goes to the URL set now: the console’s re-send reaches the merchant’s receiver', async () => {
    const started = await paidOrder('success');
    await eventually(async () => ((await webhookDeliveries(started.transId)).length === 1 ? true : undefined));
    const webhookId = `msg_${started.transId}_paid`;
    await runInDurableObject(orderStub(env, started.transId), async (_instance, state) => {
      await eventually(async () => {
        const [row] = state.storage.sql.exec('SELECT delivered_at FROM deliveries WHERE webhook_id = ?', webhookId).toArray();
        return row?.['delivered_at'] ? true : undefined;
      });
      state.storage.sql.exec('UPDATE deliveries SET url = ? WHERE webhook_id = ?', OLD_URL, webhookId);
    });
    const response = await admin(`/admin/orders/${started.transId}/resend`, { method: 'POST' });
    expect(response.status).toBe(200);
    const both = await eventually(async () => {
      const deliveries = await webhookDeliveries(started.transId);
      return deliveries.length === 2 ? deliveries : undefined;
    });
    expect(both[1]?.headers['webhook-id']).toBe(webhookId);
  });
});
