/**
 * The forgery matrix against the real Worker and sandbox: notifications for
 * an unknown order or another site, payments re-signed by an attacker who
 * read the apikey in the form (another amount, another designation),
 * refusals, a refusal reported after acceptance, old notifications replayed,
 * a forged body claiming `00` for an unpaid order, a duplicated
 * `cpm_trans_id`. Each scenario lists the orders that must stay unfulfilled
 * and those genuinely paid; the last test counts order.paid deliveries at
 * the sandbox's receiver and order statuses: zero wrong fulfilments, and
 * each paid order fulfilled exactly once.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FormCheckoutResponse, PublicOrder } from '../../shared/api/contract';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import {
  type Answer,
  admin,
  armFault,
  checkout,
  clearFaults,
  count,
  eventually,
  judgePaid,
  notifyAgain,
  notifyForm,
  openOrder,
  paidEvents,
  pay,
  postHostedForm,
  publicOrder,
  recordTally,
  SITE_ID,
  STACK,
  sandboxTransaction,
  sleep,
  snapshot,
  stableErrorCode,
  unhandledInLog,
  unknownTransId,
  worker,
  wronglyFulfilled,
} from './support';

let unhandledBefore = 0;
beforeAll(async () => {
  await clearFaults();
  unhandledBefore = (await unhandledInLog()).length;
});
afterEach(({ task }) => recordTally(task));
afterAll(clearFaults);

/** Orders that must never be fulfilled, and orders CinetPay really reports paid. */
const unpaid: string[] = [];
const paid: string[] = [];

const ip = (scenario: number): string => `203.0.113.${scenario}`;

/** What a forger posts: every field of a successful notification, pointing at `transId`. */
function forgedSuccess(started: FormCheckoutResponse, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    cpm_trans_id: started.transId,
    cpm_site_id: SITE_ID,
    cpm_amount: started.fields.cpm_amount,
    cpm_currency: 'CFA',
    cpm_result: '00',
    cpm_trans_status: 'ACCEPTED',
    cpm_error_message: 'SUCCES',
    cpm_payid: 'MP170904.1401.A91088',
    payment_method: 'OM',
    signature: started.fields.signature,
    cel_phone_num: '0700000001',
    cpm_phone_prefixe: '225',
    ...overrides,
  };
}

/** The attacker, who read the apikey in the payment form, asks CinetPay to sign changed values for the same transaction. */
async function attackerSignature(started: FormCheckoutResponse, changes: Readonly<Record<string, string>>): Promise<string> {
  const { fields } = started;
  const signed = {
    cpm_amount: fields.cpm_amount,
    cpm_currency: fields.cpm_currency,
    cpm_site_id: fields.cpm_site_id,
    cpm_trans_id: fields.cpm_trans_id,
    cpm_trans_date: fields.cpm_trans_date,
    cpm_payment_config: fields.cpm_payment_config,
    cpm_page_action: fields.cpm_page_action,
    cpm_version: fields.cpm_version,
    cpm_language: fields.cpm_language,
    cpm_designation: fields.cpm_designation,
    cpm_custom: fields.cpm_custom ?? '',
    apikey: fields.apikey,
    ...changes,
  };
  const response = await fetch(`${STACK.sandboxUrl}/v1/?method=getSignatureByPost`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm(signed),
  });
  const signature: unknown = JSON.parse(await response.text());
  if (typeof signature !== 'string') throw new Error(`no signature: ${JSON.stringify(signature)}`);
  return signature;
}

async function statusOf(transId: string): Promise<PublicOrder['status']> {
  return (await publicOrder(transId)).status;
}

function expectRefused(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(stableErrorCode(answer)).toBe(code);
}

describe('forged and replayed notifications', () => {
  it('1. a notification for an order that does not exist', async () => {
    const transId = unknownTransId();
    expectRefused(await notifyForm({ cpm_trans_id: transId, cpm_site_id: SITE_ID, cpm_result: '00', cpm_amount: '5000' }), 404, 'ORDER_NOT_FOUND');
    expect((await worker(`/api/orders/${transId}`)).status).toBe(404);
    unpaid.push(transId);
    count({ forgeryCases: 1 });
  });

  it('2. a notification from another site', async () => {
    const started = await openOrder(ip(2));
    expectRefused(await notifyForm(forgedSuccess(started, { cpm_site_id: '999999' })), 403, 'FOREIGN_SITE_ID');
    expect(await statusOf(started.transId)).toBe('PENDING');
    unpaid.push(started.transId);
    count({ forgeryCases: 1 });
  });

  it('3. a payment re-signed by the attacker for 100 F instead of 5000 F: amount mismatch', async () => {
    const started = await checkout({ product: 'tshirt-m' }, ip(3));
    const signature = await attackerSignature(started, { cpm_amount: '100' });
    await postHostedForm(started, { cpm_amount: '100', signature });
    await pay(started.transId, 'success', 2);
    expect(await statusOf(started.transId)).toBe('PENDING');
    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status, recheck.text).toBe(200);
    const history = await snapshot(started.transId);
    expect(history.order.status).toBe('PENDING');
    expect(history.notifications.map((notification) => notification.outcome)).toContain('mismatch AMOUNT_MISMATCH');
    unpaid.push(started.transId);
    count({ forgeryCases: 1 });
  });

  it('4. a payment re-signed by the attacker with another designation: signature mismatch', async () => {
    const started = await checkout({ product: 'tshirt-m' }, ip(4));
    const signature = await attackerSignature(started, { cpm_designation: 'T-shirt (offert)' });
    await postHostedForm(started, { cpm_designation: 'T-shirt (offert)', signature });
    await pay(started.transId, 'success', 2);
    const history = await snapshot(started.transId);
    expect(history.order.status).toBe('PENDING');
    expect(history.notifications.map((notification) => notification.outcome)).toContain('mismatch SIGNATURE_MISMATCH');
    unpaid.push(started.transId);
    count({ forgeryCases: 1 });
  });

  it('5. refusals (wrong OTP, insufficient balance), notified twice each', async () => {
    for (const outcome of ['otp_error', 'insufficient_balance'] as const) {
      const started = await openOrder(ip(5));
      await pay(started.transId, outcome, 2);
      expect(await statusOf(started.transId)).toBe('REFUSED');
      unpaid.push(started.transId);
    }
    count({ forgeryCases: 1 });
  });

  it('6. a refusal reported after acceptance changes nothing', async () => {
    const started = await openOrder(ip(6));
    await pay(started.transId, 'success', 1);
    expect(await statusOf(started.transId)).toBe('ACCEPTED');
    await eventually('order.paid delivered', async () =>
      (await paidEvents()).some((event) => event.transId === started.transId && event.status === 200) ? true : undefined,
    );
    await armFault('checkPayStatus', 'result_flip', 5);
    await notifyAgain(started.transId, 3);
    const forged = await notifyForm(forgedSuccess(started, { cpm_result: '600', cpm_trans_status: 'REFUSED', cpm_error_message: 'PAYMENT_FAILED' }));
    expect(forged.status, forged.text).toBe(200);
    const recheck = await admin(`/admin/orders/${started.transId}/recheck`, { method: 'POST' });
    expect(recheck.status, recheck.text).toBe(200);
    await clearFaults();
    const history = await snapshot(started.transId);
    expect(history.order.status).toBe('ACCEPTED');
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    paid.push(started.transId);
    count({ forgeryCases: 1 });
  });

  it('7. old notifications replayed: after a cancellation, and retargeted at another order', async () => {
    const cancelled = await openOrder(ip(7));
    await pay(cancelled.transId, 'pending', 1);
    expect(await statusOf(cancelled.transId)).toBe('PENDING');
    const old = (await sandboxTransaction(cancelled.transId)).notifications[0]?.fields;
    if (!old) throw new Error('the sandbox recorded no notification');
    await pay(cancelled.transId, 'cancel', 1);
    expect(await statusOf(cancelled.transId)).toBe('CANCELLED');
    for (let replay = 0; replay < 3; replay++) expect((await notifyForm(old)).status).toBe(200);
    expect(await statusOf(cancelled.transId)).toBe('CANCELLED');

    const accepted = await openOrder(ip(7));
    await pay(accepted.transId, 'success', 1);
    const paidFields = (await sandboxTransaction(accepted.transId)).notifications[0]?.fields;
    if (!paidFields) throw new Error('the sandbox recorded no notification');
    const replays = await Promise.all(Array.from({ length: 5 }, () => notifyForm(paidFields)));
    expect(replays.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await notifyForm({ ...paidFields, cpm_trans_id: cancelled.transId })).status).toBe(200);
    expect(await statusOf(cancelled.transId)).toBe('CANCELLED');
    expect(await statusOf(accepted.transId)).toBe('ACCEPTED');
    unpaid.push(cancelled.transId);
    paid.push(accepted.transId);
    count({ forgeryCases: 1 });
  });

  it('8. a forged body claiming 00 for an unpaid order (posted to the hosted page, or only signed)', async () => {
    const posted = await openOrder(ip(8));
    const onlySigned = await checkout({ product: 'casquette' }, ip(8));
    for (const started of [posted, onlySigned]) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => notifyForm(forgedSuccess(started))));
      for (const answer of answers) {
        expect(answer.status, answer.text).toBe(200);
        expect(answer.json).toMatchObject({ status: 'PENDING' });
      }
      const back = await worker(`/return?trans_id=${started.transId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeForm(forgedSuccess(started)),
      });
      expect(back.status).toBe(303);
      expect(back.headers['location']).toContain('status=PENDING');
      expect(await statusOf(started.transId)).toBe('PENDING');
      unpaid.push(started.transId);
    }
    count({ forgeryCases: 1 });
  });

  it('9. cpm_trans_id given twice: an unpaid order next to a paid one', async () => {
    const unpaidOrder = await openOrder(ip(9));
    const paidOrder = await openOrder(ip(9));
    await pay(paidOrder.transId, 'success', 0);
    const both = (first: string, second: string): string => `cpm_trans_id=${first}&cpm_site_id=${SITE_ID}&cpm_result=00&cpm_trans_id=${second}`;
    expectRefused(await notifyForm(both(unpaidOrder.transId, paidOrder.transId)), 400, 'INVALID_BODY');
    expectRefused(await notifyForm(both(paidOrder.transId, unpaidOrder.transId)), 400, 'INVALID_BODY');
    const multipart = new FormData();
    multipart.append('cpm_trans_id', unpaidOrder.transId);
    multipart.append('cpm_site_id', SITE_ID);
    multipart.append('cpm_trans_id', paidOrder.transId);
    expectRefused(await worker('/notify', { method: 'POST', body: multipart }), 400, 'INVALID_BODY');
    expect(await statusOf(unpaidOrder.transId)).toBe('PENDING');
    expect(await statusOf(paidOrder.transId)).toBe('PENDING');
    await notifyAgain(paidOrder.transId, 1);
    expect(await statusOf(paidOrder.transId)).toBe('ACCEPTED');
    unpaid.push(unpaidOrder.transId);
    paid.push(paidOrder.transId);
    count({ forgeryCases: 1 });
  });

  it('zero wrong fulfilments; each genuinely paid order fulfilled exactly once', async () => {
    await eventually('every paid order delivered', async () => {
      const events = await paidEvents();
      return paid.every((transId) => events.some((event) => event.transId === transId && event.status === 200)) ? true : undefined;
    });
    await sleep(1_500);
    const wrong = await wronglyFulfilled(unpaid);
    const fulfilment = await judgePaid(paid);
    count({
      wrongFulfilments: wrong.length,
      paidOrders: paid.length,
      lostOrders: fulfilment.lost.length,
      doubleFulfilments: fulfilment.double.length,
      sameIdRedeliveries: fulfilment.sameIdRedeliveries,
    });
    expect(unpaid.length).toBeGreaterThanOrEqual(10);
    expect(wrong, 'wrongly fulfilled').toEqual([]);
    expect(fulfilment.lost, 'lost').toEqual([]);
    expect(fulfilment.double, 'fulfilled twice').toEqual([]);
    expect((await unhandledInLog()).slice(unhandledBefore), "requests that reached the router's catch-all").toEqual([]);
  });
});
