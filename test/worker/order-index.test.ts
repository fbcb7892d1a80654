import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderPage, Overview } from '../../shared/api/admin';
import type { CheckoutRequest, FormCheckoutResponse } from '../../shared/api/contract';
import { csvCell } from '../../worker/src/csv';
import { writeIndex } from '../../worker/src/order-index';
import { orderStub } from '../../worker/src/order-object';
import { admin, eventually, pay, postHostedForm, postJson, resetSandbox, wokenOrder } from './support';

beforeEach(resetSandbox);

let clients = 0;

/** A checkout from its own client IP, so that many orders stay under the per-IP checkout limit this file does not test. */
async function order(body: CheckoutRequest = { product: 'tshirt-m' }): Promise<FormCheckoutResponse> {
  const response = await postJson('/api/checkout', body, { 'cf-connecting-ip': `203.0.113.${(clients++ % 250) + 1}` });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<FormCheckoutResponse>();
}

async function page(query: string): Promise<OrderPage> {
  const response = await admin(`/admin/orders?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<OrderPage>();
}

/** Waits until the index holds `transId` with `status` (the object writes it from its alarm, right after the transition). */
async function indexed(transId: string, status = 'PENDING'): Promise<void> {
  await eventually(async () => ((await page(`transId=${transId}`)).orders[0]?.status === status ? true : undefined));
}

describe('the order index (D1)', () => {
  it('follows a check that changes only the result code: a pending order reads 623 in the index, not null', async () => {
    const started = await order();
    await indexed(started.transId);
    await postHostedForm(started);
    await pay(started.transId, 'pending', 1);
    await eventually(async () => ((await page(`transId=${started.transId}`)).orders[0]?.resultCode === '623' ? true : undefined));
    expect((await page(`transId=${started.transId}`)).orders[0]).toMatchObject({ status: 'PENDING', resultCode: '623' });
  });

  it('gets a row at checkout and the paid details at ACCEPTED, with only the last four digits of the phone', async () => {
    const started = await order({ product: 'casquette', phone: '0707070707', phonePrefix: '225' });
    await indexed(started.transId);
    expect((await page(`transId=${started.transId}`)).orders[0]).toMatchObject({ status: 'PENDING', kind: 'product', productId: 'casquette', amount: 2500 });
    await postHostedForm(started);
    await pay(started.transId, 'success', 1, 'MOMO');
    await indexed(started.transId, 'ACCEPTED');
    const [row] = (await page(`transId=${started.transId}`)).orders;
    expect(row).toMatchObject({ status: 'ACCEPTED', paymentMethod: 'MOMO', payId: expect.any(String), phoneTail: '0707', paidAt: expect.any(String) });
    expect(JSON.stringify(row)).not.toContain('0707070707');
  });

  it('keeps the newest version: a retried or late write of an older one changes nothing', async () => {
    const started = await order();
    await indexed(started.transId);
    const { results } = await env.ORDER_DB.prepare('SELECT * FROM orders WHERE trans_id = ?').bind(started.transId).all();
    const stale = { ...(await page(`transId=${started.transId}`)).orders[0], status: 'REFUSED' };
    const record = { ...stale, phone: null, phonePrefix: null, signature: 'x', siteId: '445160', payerPhone: null } as Parameters<typeof writeIndex>[1];
    await writeIndex(env.ORDER_DB, record, 1);
    const after = await env.ORDER_DB.prepare('SELECT * FROM orders WHERE trans_id = ?').bind(started.transId).all();
    expect(after.results).toEqual(results);
    await writeIndex(env.ORDER_DB, record, 2);
    expect((await page(`transId=${started.transId}`)).orders[0]?.status).toBe('REFUSED');
  });
});

describe('GET /admin/orders', () => {
  it('status=PENDING&limit=1 returns one PENDING order even when newer orders are not PENDING', async () => {
    const pending = await order();
    await indexed(pending.transId);
    const paid = await order();
    await postHostedForm(paid);
    await pay(paid.transId);
    await indexed(paid.transId, 'ACCEPTED');
    const result = await page('status=PENDING&limit=1');
    expect(result.orders).toHaveLength(1);
    expect(result.orders[0]?.status).toBe('PENDING');
  });

  it('lists newest first and pages by cursor through a filtered selection without gaps or repeats', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await order({ product: 'ebook-attieke' })).transId);
    const others = [(await order({ product: 'casquette' })).transId, (await order({ amount: 700, designation: 'Cantine' })).transId];
    await Promise.all([...made, ...others].map((transId) => indexed(transId)));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result: OrderPage = await page(`product=ebook-attieke&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(result.orders.length).toBeLessThanOrEqual(3);
      seen.push(...result.orders.map((row) => row.transId));
      expect(result.orders.every((row) => row.productId === 'ebook-attieke')).toBe(true);
      cursor = result.cursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse().filter((id) => seen.includes(id)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made));
    const all = (await page('limit=1000')).orders;
    const created = all.map((row) => row.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by kind, date range, transaction id and phone digits', async () => {
    const open = await order({ amount: 800, designation: 'Cantine' });
    const locked = await order({ product: 'tshirt-m', phone: '0102034567', phonePrefix: '225' });
    await Promise.all([indexed(open.transId), indexed(locked.transId)]);
    const opens = (await page('kind=open&limit=1000')).orders;
    expect(opens.map((row) => row.transId)).toContain(open.transId);
    expect(opens.every((row) => row.kind === 'open')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await page(`from=${today}&to=${today}&limit=1000`)).orders.map((row) => row.transId)).toContain(open.transId);
    expect((await page(`to=${yesterday}`)).orders).toEqual([]);
    expect((await page(`phone=4567`)).orders.map((row) => row.transId)).toEqual([locked.transId]);
    expect((await page(`phone=67&transId=${locked.transId}`)).orders).toHaveLength(1);
    expect((await page(`phone=1111&transId=${locked.transId}`)).orders).toHaveLength(0);
  });

  it('refuses an unknown filter, a bad value and a forged cursor with 400 INVALID_QUERY', async () => {
    for (const query of ['color=blue', 'status=', 'status=PAID', 'from=2026-02-30', 'kind=gift', 'phone=12345', 'limit=0', 'cursor=not-a-cursor']) {
      const response = await admin(`/admin/orders?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: { code: 'INVALID_QUERY' } });
    }
  });
});

describe('GET /admin/orders.csv', () => {
  it('exports the same selection as UTF-8 with a BOM, ; separated, quoted and formula-guarded', async () => {
    const tricky = await order({ product: 'casquette', custom: '=HYPERLINK("http://evil.example";"x")' });
    const plain = await order({ product: 'casquette', custom: 'a;b' });
    await Promise.all([indexed(tricky.transId), indexed(plain.transId)]);
    const response = await admin('/admin/orders.csv?product=casquette');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('transId;createdAt;status;amount;currency;kind;productId;designation;custom;paymentMethod;payId;paidAt;resultCode;phoneTail;lang');
    expect(text).toContain(`${plain.transId};`);
    expect(text).toContain('Casquette brodée');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"";""x"")"`);
    expect(text).toContain('"a;b"');
    expect(lines.filter((line) => line.includes(';casquette;')).every((line) => line.includes('Casquette'))).toBe(true);
  });

  it('guards every formula start and quotes per RFC 4180', () => {
    expect(['=1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(2500)).toBe('2500');
  });
});

describe('GET /admin/overview', () => {
  async function read(): Promise<Overview> {
    const response = await admin('/admin/overview');
    expect(response.status).toBe(200);
    return response.json<Overview>();
  }

  it('sums 30 days of paid orders by day, product and method, and counts orders by status', async () => {
    const before = await read();
    expect(before.revenueByDay).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(before.revenueByDay.at(-1)?.day).toBe(today);
    const paid = await order({ product: 'casquette' });
    await postHostedForm(paid);
    await pay(paid.transId, 'success', 1, 'FLOOZ');
    const pending = await order({ product: 'casquette' });
    await Promise.all([indexed(paid.transId, 'ACCEPTED'), indexed(pending.transId)]);
    const after = await read();
    expect((after.revenueByDay.at(-1)?.amount ?? 0) - (before.revenueByDay.at(-1)?.amount ?? 0)).toBe(2500);
    const casquette = (view: Overview) => view.byProduct.find((row) => row.productId === 'casquette')?.amount ?? 0;
    expect(casquette(after) - casquette(before)).toBe(2500);
    const flooz = (view: Overview) => view.byMethod.find((row) => row.method === 'FLOOZ')?.orders ?? 0;
    expect(flooz(after) - flooz(before)).toBe(1);
    expect(after.byStatus.ACCEPTED - before.byStatus.ACCEPTED).toBe(1);
    expect(after.byStatus.PENDING - before.byStatus.PENDING).toBe(1);
    expect(after.conversion).toBeGreaterThan(0);
    expect(after.conversion).toBeLessThanOrEqual(1);
  });
});

describe('an order stored before the D1 index', () => {
  it('writes its row to D1 as soon as it wakes', async () => {
    const started = await order({ product: 'casquette' });
    await indexed(started.transId);
    const stub = orderStub(env, started.transId);
    // Back to the previous version's storage: no payer_phone column, its index written (to KV) and nothing in D1.
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec('ALTER TABLE order_record DROP COLUMN payer_phone');
    });
    await env.ORDER_DB.prepare('DELETE FROM orders WHERE trans_id = ?').bind(started.transId).run();
    // A new instance on the old storage, as after a deployment; its alarm (set as it woke) writes the row.
    await runInDurableObject(stub, async (_instance, state) => {
      const woken = await wokenOrder(state, env);
      expect(await woken.view()).toMatchObject({ transId: started.transId });
      expect(await state.storage.getAlarm()).not.toBeNull();
      await woken.alarm();
    });
    const rows = await eventually(async () => {
      const found = (await page(`transId=${started.transId}`)).orders;
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toMatchObject([{ transId: started.transId, status: 'PENDING', productId: 'casquette' }]);
  });
});
