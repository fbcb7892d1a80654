/**
 * How much storage work one order costs its `Order` object: SQL statements by
 * kind and alarms set, counted by wrapping the object's own `SqlStorage.exec`
 * and `setAlarm` (the object is the one the Worker uses, addressed by its
 * transaction id). The ceilings fail the suite when a change makes checkout
 * or a notification do more; lower them when a change makes it do less.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Order, orderStub } from '../../worker/src/order-object';
import { newTransId } from '../../worker/src/trans-id';
import { checkout, eventually, postHostedForm, sandbox } from './support';
import { tshirtOrder } from './tshirt-order';

/** Statements and alarms an order's object ran, by the first keyword of each statement. */
interface Work {
  readonly statements: Record<string, number>;
  readonly total: number;
  readonly alarmsSet: number;
}

/**
 * Runs `action` inside the order's object with its storage counted, then
 * waits until the object has written its D1 index row (it does so in the
 * background, without an alarm) and, if given, until `settledWhen` (a query)
 * finds a row, so that the count includes that work; the counters are
 * removed afterwards.
 */
async function countWork(transId: string, action: (instance: Order) => Promise<unknown>, settledWhen?: string): Promise<Work> {
  return runInDurableObject(orderStub(env, transId), async (instance, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec;
    const setAlarm = state.storage.setAlarm;
    const statements: Record<string, number> = {};
    let alarmsSet = 0;
    sql.exec = ((query: string, ...bindings: SqlStorageValue[]) => {
      for (const statement of query.split(';').filter((part) => part.trim() !== '')) {
        const keyword = (statement.trim().split(/\s+/)[0] ?? '').toUpperCase();
        statements[keyword] = (statements[keyword] ?? 0) + 1;
      }
      return exec.call(sql, query, ...bindings);
    }) as SqlStorage['exec'];
    state.storage.setAlarm = (...args: Parameters<DurableObjectStorage['setAlarm']>) => {
      alarmsSet++;
      return setAlarm.apply(state.storage, args);
    };
    try {
      await action(instance);
      await eventually(async () => {
        const [row] = exec.call(sql, 'SELECT index_version, indexed_version FROM order_record').toArray();
        return row && row['indexed_version'] === row['index_version'] ? true : undefined;
      });
      // Read with the uncounted exec: the test's own polling is not the object's work.
      if (settledWhen) await eventually(async () => (exec.call(sql, settledWhen).toArray().length > 0 ? true : undefined));
    } finally {
      sql.exec = exec;
      state.storage.setAlarm = setAlarm;
    }
    return { statements, total: Object.values(statements).reduce((sum, count) => sum + count, 0), alarmsSet };
  });
}

describe('storage work per order', () => {
  it('checkout: open the order, then sign it', async () => {
    const createdAt = new Date();
    const transId = newTransId(createdAt);
    const work = await countWork(transId, async (instance) => {
      await instance.open(tshirtOrder(transId, createdAt, '445160', 'v1'));
      await instance.sign('c3587c606c806bc3c1e3d63e092048a93285e77f');
    });
    // Before issue 14: 6 CREATE, 4 SELECT, 2 INSERT, and an alarm at once whose run read and wrote more.
    expect(work.statements).toEqual({ CREATE: 1, INSERT: 1, UPDATE: 2 });
    // The one alarm is the first re-check (self-healing), not an index write.
    expect(work.alarmsSet).toBe(1);
  });

  it('a notification that accepts the order, its index write and its order.paid delivery', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await sandbox(`/__sandbox/transactions/${started.transId}/outcome`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'success', paymentMethod: 'OM', notifications: 0 }),
    });
    const work = await countWork(
      started.transId,
      (instance) => instance.verify('notify', { fields: { cpm_trans_id: started.transId, cpm_site_id: '445160' }, xToken: null, notifyToken: null }),
      'SELECT 1 FROM deliveries WHERE delivered_at IS NOT NULL',
    );
    // Its first tables (checks, transitions, notifications, the outbox), the check, the transition, the log, order.paid queued and delivered.
    // Before issue 14: 17 statements for the notification alone, then an alarm that read the order again.
    // Each paid-order notice channel the test settings turn on (Telegram, Slack, Discord, email) adds its queued row, its attempt and its log line.
    expect(work.total).toBeLessThanOrEqual(14 + 3 * 4);
    expect(work.alarmsSet).toBe(1);
  });
});
