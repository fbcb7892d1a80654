/**
 * The order's evidence log in one table (worker/src/order-log.ts): an order
 * stored by a version that kept one table per kind (transitions,
 * notifications, checks, delivery_log) wakes with the same history, in one
 * log, its old tables gone; and it goes on logging.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderStub } from '../../worker/src/order-object';
import { everyChannelDelivered } from './notice-support';
import { admin, paidOrder, resetSandbox, snapshot, wokenOrder } from './support';

beforeEach(resetSandbox);

/** The previous version's tables, filled from the one log, which is then dropped. */
const BACK_TO_ONE_TABLE_PER_KIND = [
  'CREATE TABLE transitions (id INTEGER PRIMARY KEY, from_status TEXT, to_status TEXT NOT NULL, code TEXT, source TEXT NOT NULL, at TEXT NOT NULL)',
  `INSERT INTO transitions (from_status, to_status, code, source, at)
     SELECT entry ->> 'from', entry ->> 'to', entry ->> 'code', entry ->> 'source', at FROM order_log WHERE kind = 'transition' ORDER BY id`,
  'CREATE TABLE notifications (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL, fields TEXT NOT NULL, outcome TEXT NOT NULL)',
  `INSERT INTO notifications (received_at, fields, outcome)
     SELECT at, entry -> 'fields', entry ->> 'outcome' FROM order_log WHERE kind = 'notification' ORDER BY id`,
  'CREATE TABLE checks (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL, outcome TEXT NOT NULL)',
  `INSERT INTO checks (at, source, outcome) SELECT at, entry ->> 'source', entry ->> 'outcome' FROM order_log WHERE kind = 'check' ORDER BY id`,
  `CREATE TABLE delivery_log (id INTEGER PRIMARY KEY, webhook_id TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL, attempt INTEGER,
     status INTEGER, error TEXT)`,
  `INSERT INTO delivery_log (webhook_id, at, event, attempt, status, error)
     SELECT entry ->> 'webhookId', at, entry ->> 'event', entry ->> 'attempt', entry ->> 'status', entry ->> 'error' FROM order_log WHERE kind = 'delivery' ORDER BY id`,
  'DROP TABLE order_log',
];

function tables(storage: DurableObjectStorage): string[] {
  return storage.sql
    .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name")
    .toArray()
    .map((row) => row.name);
}

describe('an order stored with one log table per kind', () => {
  it('wakes with the same history in one log, its old tables dropped, and goes on logging', async () => {
    const started = await paidOrder('success', { product: 'tshirt-m' });
    await everyChannelDelivered(started.transId);
    const before = await snapshot(started.transId);
    expect(before.transitions.length).toBeGreaterThanOrEqual(2);
    expect(before.notifications.length).toBeGreaterThanOrEqual(1);
    expect(before.checks.length).toBeGreaterThanOrEqual(1);
    expect(before.deliveryLog.length).toBeGreaterThanOrEqual(5);

    const stub = orderStub(env, started.transId);
    const woken = await runInDurableObject(stub, async (_instance, state) => {
      for (const statement of BACK_TO_ONE_TABLE_PER_KIND) state.storage.sql.exec(statement);
      const legacy = tables(state.storage);
      // A new instance on the old storage, as after a deployment.
      const order = await wokenOrder(state, env);
      return { legacy, now: tables(state.storage), snapshot: await order.snapshot() };
    });
    const perKind = ['checks', 'delivery_log', 'notifications', 'transitions'];
    expect(woken.legacy).toEqual(expect.arrayContaining(perKind));
    expect(woken.now).toEqual([...woken.legacy.filter((name) => !perKind.includes(name)), 'order_log'].sort());
    // The admin answer is the stored snapshot plus the timeline built from it.
    const { timeline, ...stored } = before as typeof before & { readonly timeline: unknown };
    expect(woken.snapshot).toEqual(stored);
    expect(((await snapshot(started.transId)) as typeof before & { readonly timeline: unknown }).timeline).toEqual(timeline);

    const resent = await admin(`/admin/orders/${started.transId}/resend`, { method: 'POST' });
    expect(resent.status).toBe(200);
    const after = await snapshot(started.transId);
    expect(after.deliveryLog.slice(0, before.deliveryLog.length)).toEqual(before.deliveryLog);
    expect(after.deliveryLog[before.deliveryLog.length]).toMatchObject({ event: 'resend', channel: 'webhook', webhookId: `msg_${started.transId}_paid` });
  });
});
