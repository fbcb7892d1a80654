/**
 * CinetPay checkout v2 against its own stack (`v2` in global-setup.ts): the
 * v2 forgery matrix (no x-token, a bad one, one copied from another order, a
 * valid one on a notification that payment/check contradicts), then a
 * representative subset of the v1 suite's faults on v2's two calls
 * (timeouts, HTTP 500, garbage at checkout and at the check) and a storm of
 * duplicate notifications. The whole v1 suite is not run twice: the order
 * logic under the provider is the same code; what differs is the provider,
 * the proof and the sandbox's v2, which these tests exercise. The last test
 * judges: zero wrong fulfilments, each paid order fulfilled exactly once.
 */

import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { X_TOKEN_FIELDS, xTokenMessage } from '../../shared/cinetpay/v2-wire';
import {
  type Answer,
  admin,
  armFault,
  clearFaults,
  count,
  deliveredAll,
  judgePaid,
  leaks,
  pay,
  publicOrder,
  recordTally,
  SECRET_KEY,
  SITE_ID,
  sandboxTransaction,
  snapshot,
  stableErrorCode,
  useStack,
  worker,
  wronglyFulfilled,
} from './support';

useStack('v2');

beforeAll(clearFaults);
afterEach(({ task }) => recordTally(task));
afterAll(clearFaults);

const unpaid: string[] = [];
const paid: string[] = [];
const ip = (scenario: number): string => `203.0.114.${scenario}`;

interface V2Started {
  readonly transId: string;
  readonly method: 'GET';
  readonly action: string;
}

/** `POST /api/checkout` on the v2 stack: a payment_url and nothing else, no credential in the answer. */
async function checkoutV2(ipAddress: string): Promise<V2Started> {
  const answer = await worker('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: 'tshirt-m' }),
    ip: ipAddress,
  });
  expect(answer.status, answer.text).toBe(200);
  expect(leaks(answer)).toEqual([]);
  const started = answer.json as V2Started;
  expect(Object.keys(started).sort()).toEqual(['action', 'method', 'transId']);
  expect(started.method).toBe('GET');
  return started;
}

/** The customer opens the payment_url. */
async function open(started: V2Started): Promise<void> {
  const page = await fetch(started.action);
  expect(page.status).toBe(200);
  await page.text();
}

/** An order on the payment page, nothing paid. */
async function openOrder(scenario: number): Promise<string> {
  const started = await checkoutV2(ip(scenario));
  await open(started);
  return started.transId;
}

/** What a forger sends: every x-token field, claiming success for `transId`. */
function forgedFields(transId: string, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...Object.fromEntries(X_TOKEN_FIELDS.map((name) => [name, ''])),
    cpm_site_id: SITE_ID,
    cpm_trans_id: transId,
    cpm_trans_date: '2026-11-29 09:00:00',
    cpm_amount: '5000',
    cpm_currency: 'XOF',
    payment_method: 'OM',
    cpm_version: 'V2',
    cpm_error_message: 'SUCCES',
    ...overrides,
  };
}

/** The x-token, by Node's crypto: what anyone holding the secret key computes. */
function xToken(fields: Readonly<Record<string, string>>, key = SECRET_KEY): string {
  return createHmac('sha256', key).update(xTokenMessage(fields)).digest('hex');
}

function notify(fields: Readonly<Record<string, string>>, token: string | undefined, scenario: number): Promise<Answer> {
  return worker('/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token === undefined ? {} : { 'x-token': token }) },
    body: encodeForm(fields),
    ip: ip(scenario),
    retryNetwork: true,
  });
}

async function expectRefusedUnchanged(transId: string, answer: Answer): Promise<void> {
  expect(answer.status, answer.text).toBe(401);
  expect(stableErrorCode(answer)).toBe('INVALID_X_TOKEN');
  expect(leaks(answer)).toEqual([]);
  const history = await snapshot(transId);
  expect(history.order.status).toBe('PENDING');
  expect(history.notifications).toEqual([]);
  expect(history.checks).toEqual([]);
  count({ forgeryCases: 1 });
}

describe('the v2 forgery matrix', () => {
  it('1. no x-token, 2. a bad one, 3. one signed with another key: 401, nothing recorded, no check made', async () => {
    const transId = await openOrder(1);
    unpaid.push(transId);
    const fields = forgedFields(transId);
    await expectRefusedUnchanged(transId, await notify(fields, undefined, 1));
    await expectRefusedUnchanged(transId, await notify(fields, 'f'.repeat(64), 1));
    await expectRefusedUnchanged(transId, await notify(fields, xToken(fields, 'an-attacker-guessed-this-key'), 1));
  });

  it("4. a valid x-token copied from another order's real notification: 401 for this order", async () => {
    const other = await openOrder(4);
    await pay(other, 'success');
    paid.push(other);
    const { notifications } = await sandboxTransaction(other);
    const real = notifications[0]?.fields ?? {};
    expect(notifications[0]?.status).toBe(200);
    const victim = await openOrder(4);
    unpaid.push(victim);
    await expectRefusedUnchanged(victim, await notify({ ...real, cpm_trans_id: victim }, xToken(real), 4));
  });

  it('5. a valid x-token on a forged "paid" body for an unpaid order: the check says pending, it stays PENDING', async () => {
    const transId = await openOrder(5);
    unpaid.push(transId);
    const fields = forgedFields(transId);
    const answer = await notify(fields, xToken(fields), 5);
    expect(answer.status, answer.text).toBe(200);
    expect((await publicOrder(transId)).status).toBe('PENDING');
  });

  it('6. a valid x-token on a real notification whose check says another amount: not accepted until a check confirms the amount', async () => {
    const transId = await openOrder(6);
    await armFault('payment/check', 'amount_mismatch', 1);
    await pay(transId, 'success');
    const history = await snapshot(transId);
    expect(history.order.status).toBe('PENDING');
    expect(history.notifications.map((notification) => notification.outcome)).toEqual(['mismatch AMOUNT_MISMATCH']);
    const recheck = await admin(`/admin/orders/${transId}/recheck`, { method: 'POST' });
    expect(recheck.status, recheck.text).toBe(200);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    paid.push(transId);
  });
});

describe('faults on v2 calls', () => {
  it.each(['timeout', 'http_500', 'garbage'] as const)('payment %s at checkout: a 502 with a stable code, and no credential in it', async (fault) => {
    await armFault('payment', fault, 1, fault === 'timeout' ? 3_000 : undefined);
    const answer = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'tshirt-m' }),
      ip: ip(10),
    });
    expect(answer.status, answer.text).toBe(502);
    expect(stableErrorCode(answer)).toMatch(/^UPSTREAM_/);
    expect(leaks(answer)).toEqual([]);
    count({ injected5xx: 1 });
  });

  it.each(['timeout', 'http_500', 'garbage'] as const)(
    'payment/check %s during a notification: 503, order unchanged, then the retry accepts it',
    async (fault) => {
      const transId = await openOrder(11);
      await armFault('payment/check', fault, 1, fault === 'timeout' ? 3_000 : undefined);
      await pay(transId, 'success');
      const first = (await sandboxTransaction(transId)).notifications[0];
      expect(first?.status).toBe(503);
      count({ injected5xx: 1 });
      // The sandbox retries its notification (200 ms, doubling); the next check finds the payment.
      await expect.poll(async () => (await publicOrder(transId)).status, { timeout: 15_000 }).toBe('ACCEPTED');
      paid.push(transId);
    },
  );

  it('a storm of 30 duplicate signed notifications at once: ACCEPTED once, one order.paid', async () => {
    const transId = await openOrder(12);
    await pay(transId, 'success', 30);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    const history = await snapshot(transId);
    expect(history.transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    paid.push(transId);
  });
});

describe('the judgement on v2', () => {
  it('zero wrong fulfilments; each genuinely paid order fulfilled exactly once', async () => {
    await deliveredAll(paid);
    const wrong = await wronglyFulfilled(unpaid);
    const fulfilment = await judgePaid(paid);
    count({
      wrongFulfilments: wrong.length,
      paidOrders: paid.length,
      lostOrders: fulfilment.lost.length,
      doubleFulfilments: fulfilment.double.length,
      sameIdRedeliveries: fulfilment.sameIdRedeliveries,
    });
    expect(wrong, 'wrongly fulfilled').toEqual([]);
    expect(fulfilment.lost, 'lost').toEqual([]);
    expect(fulfilment.double, 'fulfilled twice').toEqual([]);
  });
});
