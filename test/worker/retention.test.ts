/**
 * Retention: an order never ACCEPTED is deleted, with its D1 index row,
 * UNPAID_RETENTION after its checkout; a paid order is kept. Each order is
 * made by a real checkout; its object is then driven by an instance whose
 * settings say "re-check after 1 s, delete after 2 s", and its alarm is run
 * once the clock has passed the retention time.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type ConfigProblem, readConfig } from '../../worker/src/config';
import { orderStub } from '../../worker/src/order-object';
import { checkout, eventually, indexWritten, paidOrder, postHostedForm, wokenOrder } from './support';
import { tshirtOrder } from './tshirt-order';

const SHORT: Env = { ...env, RECHECK_SCHEDULE: '1s', UNPAID_RETENTION: '2s' };

async function indexRow(transId: string): Promise<Record<string, unknown> | null> {
  return env.ORDER_DB.prepare('SELECT status FROM orders WHERE trans_id = ?').bind(transId).first();
}

/**
 * Runs the alarm of a short-retention instance on the order's storage once,
 * 3 s after its checkout; answers what it stores then. The live instance
 * keeps its own copy of the row in memory, so nothing of it may run while
 * the other instance deletes the order: the alarm runs, and the storage is
 * read, inside one `blockConcurrencyWhile`, and no alarm is set before
 * (the clock is awaited instead of re-running the alarm, which would
 * schedule a real one, run by the live instance).
 */
async function afterRetention(transId: string): Promise<{ readonly tables: string[]; readonly alarm: number | null; readonly view: unknown }> {
  return runInDurableObject(orderStub(env, transId), async (_instance, state) => {
    const createdAt = await indexWritten(state);
    await eventually(async () => (Date.now() > createdAt + 3_000 ? true : undefined));
    const order = await wokenOrder(state, SHORT);
    const left = await state.blockConcurrencyWhile(async () => {
      await order.alarm();
      const tables = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'")
        .toArray()
        .map((row) => row.name);
      return { tables, alarm: await state.storage.getAlarm() };
    });
    const woken = await wokenOrder(state, SHORT);
    return { ...left, view: await woken.view() };
  });
}

describe('UNPAID_RETENTION', () => {
  it('deletes an order never paid, with its index row, once the retention time has passed', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await eventually(async () => ((await indexRow(started.transId)) ? true : undefined));
    const left = await afterRetention(started.transId);
    expect(left).toEqual({ tables: [], alarm: null, view: null });
    expect(await indexRow(started.transId)).toBeNull();
  }, 30_000);

  it('keeps a paid order and its index row', async () => {
    const started = await paidOrder();
    await eventually(async () => ((await indexRow(started.transId))?.['status'] === 'ACCEPTED' ? true : undefined));
    const left = await afterRetention(started.transId);
    expect(left.tables).toContain('order_record');
    expect(left.view).toMatchObject({ transId: started.transId, status: 'ACCEPTED' });
    expect(await indexRow(started.transId)).toMatchObject({ status: 'ACCEPTED' });
  }, 30_000);

  it('defaults to 30 days', () => {
    const config = readConfig({ ...env, UNPAID_RETENTION: '' });
    expect(config.ok && config.value.unpaidRetentionMs).toBe(30 * 86_400_000);
  });

  it.each([
    ['0d', 'zero'],
    ['30 days', 'not a duration'],
    ['12h', 'not longer than the last re-check (24h)'],
  ])('refuses %j (%s), naming the setting', (value) => {
    const config = readConfig({ ...env, RECHECK_SCHEDULE: '2m,5m,15m,1h,6h,24h', UNPAID_RETENTION: value });
    const problems: readonly ConfigProblem[] = config.ok ? [] : config.error;
    expect(problems.map((problem) => problem.setting)).toEqual(['UNPAID_RETENTION']);
  });
});

describe('an order whose first re-check comes before its signature', () => {
  it('is kept while its checkout may still be waiting for CinetPay, then signed', async () => {
    const createdAt = new Date();
    const transId = `${createdAt.getTime()}424242`;
    const signed = await runInDurableObject(orderStub(env, transId), async (_instance, state) => {
      // RECHECK_SCHEDULE 1s, and this project's UPSTREAM_TIMEOUT_MS is 1000: the alarm may fire while getSignatureByPost still runs.
      const order = await wokenOrder(state, SHORT);
      expect((await order.open(tshirtOrder(transId, createdAt, '445160', 'v1'))).ok).toBe(true);
      await state.blockConcurrencyWhile(() => order.alarm());
      const alarm = await state.storage.getAlarm();
      return { signed: await order.sign('c3587c606c806bc3c1e3d63e092048a93285e77f'), alarm };
    });
    expect(signed.signed.ok, 'the alarm deleted an order whose signature was on its way').toBe(true);
    expect(signed.alarm).toBeGreaterThan(createdAt.getTime() + 1_000);
  });
});
