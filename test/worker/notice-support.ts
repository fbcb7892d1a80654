/**
 * Helpers for the paid-order notice tests: waiting until every channel of an
 * order is delivered, and reading the email exactly as the outbox handed it
 * to the `send_email` binding (test/support/read-email.ts decodes it).
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { orderStub } from '../../worker/src/order-object';
import type { OrderSnapshot } from '../../worker/src/order-record';
import { EVERY_CHANNEL, eventually, snapshot } from './support';

/** Waits until each of `channels` has been delivered for the order; returns its record then. */
export function everyChannelDelivered(transId: string, channels: readonly string[] = EVERY_CHANNEL): Promise<OrderSnapshot> {
  return eventually(async () => {
    const history = await snapshot(transId);
    const delivered = history.deliveries.filter((delivery) => delivery.deliveredAt !== null);
    return delivered.length === channels.length ? history : undefined;
  });
}

/** The raw email the outbox stored for the order and sent through NOTICE_EMAIL. */
export async function storedEmail(transId: string): Promise<string> {
  return runInDurableObject(orderStub(env, transId), (_instance, state) => {
    const row = state.storage.sql.exec<{ body: string }>("SELECT body FROM deliveries WHERE channel = 'email'").toArray()[0];
    if (!row) throw new Error(`order ${transId} has no email notice`);
    return row.body;
  });
}
