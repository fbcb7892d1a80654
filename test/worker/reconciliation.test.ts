import { beforeEach, describe, expect, it } from 'vitest';
import type { Reconciliation, ReconciliationRow } from '../../shared/api/admin';
import { admin, checkout, eventually, pay, postHostedForm, resetSandbox } from './support';

beforeEach(resetSandbox);

const today = new Date().toISOString().slice(0, 10);

async function reconciliation(query = `from=${today}&to=${today}`): Promise<Reconciliation> {
  const response = await admin(`/admin/reconciliation?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<Reconciliation>();
}

/** The row of `transId` once the index and CinetPay's list both say what `ready` expects (the index is written by the order's alarm). */
async function rowOf(transId: string, ready: (row: ReconciliationRow) => boolean): Promise<ReconciliationRow> {
  return eventually(async () => {
    const row = (await reconciliation()).rows.find((candidate) => candidate.transId === transId);
    return row && ready(row) ? row : undefined;
  });
}

describe('GET /admin/reconciliation', () => {
  it('flags a payment whose notification was lost as paid_not_accepted, and no longer once the order is re-checked', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 0);
    const flagged = await rowOf(started.transId, (row) => row.order !== null);
    expect(flagged).toMatchObject({ flag: 'paid_not_accepted', order: { status: 'PENDING' }, cinetpay: { result: '00', amount: '5000' } });
    const report = await reconciliation();
    expect(report.counts.paid_not_accepted).toBeGreaterThanOrEqual(1);
    expect(report.rows[0]?.flag).not.toBe('agree');

    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status, await recheck.clone().text()).toBe(200);
    // At once: a row CinetPay reports paid is read from the order's object, not only from the index its alarm writes.
    const healed = (await reconciliation()).rows.find((row) => row.transId === started.transId);
    expect(healed).toMatchObject({ flag: 'agree', order: { status: 'ACCEPTED' }, cinetpay: { result: '00' } });
  });

  it('flags an ACCEPTED order that CinetPay’s list for the range lacks as accepted_not_found', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId);
    await rowOf(started.transId, (row) => row.order?.status === 'ACCEPTED');
    await resetSandbox();
    expect((await reconciliation()).rows.find((row) => row.transId === started.transId)).toMatchObject({ flag: 'accepted_not_found', cinetpay: null });
  });

  it('lets an unpaid order that never reached CinetPay agree, and filters both sides by transaction id and payer’s number', async () => {
    const started = await checkout();
    const row = await rowOf(started.transId, (candidate) => candidate.order !== null);
    expect(row).toMatchObject({ flag: 'agree', cinetpay: null, order: { status: 'PENDING' } });
    const one = await reconciliation(`from=${today}&to=${today}&transId=${started.transId}`);
    expect(one.rows.map((candidate) => candidate.transId)).toEqual([started.transId]);
    const locked = await checkout({ product: 'tshirt-m', phone: '0102034567', phonePrefix: '225' });
    await rowOf(locked.transId, (candidate) => candidate.order !== null);
    const byPhone = await reconciliation(`from=${today}&to=${today}&phone=0102034567`);
    expect(byPhone.rows.map((candidate) => candidate.transId)).toEqual([locked.transId]);
  });

  it('refuses a missing or reversed range, CinetPay’s paging and unknown filters with 400 INVALID_QUERY', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const query of [
      '',
      `from=${today}`,
      `from=${today}&to=${yesterday}`,
      `from=${today}&to=${today}&page=1`,
      `from=${today}&to=${today}&color=blue`,
      'from=2026-02-30&to=2026-03-01',
    ]) {
      const response = await admin(`/admin/reconciliation?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: { code: 'INVALID_QUERY' } });
    }
  });
});
