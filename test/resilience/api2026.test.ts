/**
 * CinetPay's 2026 API against its own stack (`api2026` in global-setup.ts),
 * over real HTTP between two `wrangler dev` processes: the 2026 forgery
 * matrix (no notify_token, a wrong one, another order's real one, the right
 * one while the status call contradicts the body), the token faults (a token
 * expired mid-flight, EXPIRED_TOKEN under HTTP 200, a 401, a refused or slow
 * login), transport faults at checkout and at the status call, and a storm of
 * duplicate notifications. As for v2, the whole v1 suite is not run again:
 * the order logic is the same code. The last tests judge: zero wrong
 * fulfilments, each paid order fulfilled exactly once, and no credential or
 * access token in any answer or in the Worker's log.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  API2026_SECRETS,
  admin,
  armFault,
  clearFaults,
  count,
  deliveredAll,
  judgePaid,
  leaks,
  notifyAgain,
  pay,
  publicOrder,
  recordTally,
  sandbox,
  sandboxTransaction,
  snapshot,
  stableErrorCode,
  useStack,
  worker,
  workerLog,
  wronglyFulfilled,
} from './support';

useStack('api2026');

beforeAll(clearFaults);
afterEach(({ task }) => recordTally(task));
afterAll(clearFaults);

const unpaid: string[] = [];
const paid: string[] = [];
const ip = (scenario: number): string => `203.0.115.${scenario}`;
const CUSTOMER = { customerFirstName: 'Awa', customerLastName: 'Koné', customerEmail: 'awa.kone@example.com' };

function checkout(scenario: number): Promise<Answer> {
  return worker('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: 'tshirt-m', ...CUSTOMER }),
    ip: ip(scenario),
  });
}

/** An order whose customer is on the payment page, nothing paid; its checkout answer holds no credential. */
async function openOrder(scenario: number): Promise<string> {
  const answer = await checkout(scenario);
  expect(answer.status, answer.text).toBe(200);
  expect(leaks(answer)).toEqual([]);
  const started = answer.json as { transId: string; method: string; action: string };
  expect(Object.keys(started).sort()).toEqual(['action', 'method', 'transId']);
  const page = await fetch(started.action);
  expect(page.status).toBe(200);
  await page.text();
  return started.transId;
}

function notify(fields: Readonly<Record<string, string>>, scenario: number): Promise<Answer> {
  return worker('/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
    ip: ip(scenario),
    retryNetwork: true,
  });
}

async function expectRefusedUnchanged(transId: string, answer: Answer): Promise<void> {
  expect(answer.status, answer.text).toBe(401);
  expect(stableErrorCode(answer)).toBe('INVALID_NOTIFY_TOKEN');
  expect(leaks(answer)).toEqual([]);
  const history = await snapshot(transId);
  expect(history.order.status).toBe('PENDING');
  expect(history.notifications.length).toBeLessThanOrEqual(1);
  count({ forgeryCases: 1 });
}

/** The real notification the sandbox sent for an order (its token included: the sandbox is CinetPay's side). */
async function realNotification(transId: string): Promise<Readonly<Record<string, string>>> {
  const { notifications } = await sandboxTransaction(transId);
  const fields = notifications[0]?.fields;
  if (!fields) throw new Error(`no notification for ${transId}`);
  return fields;
}

describe('the 2026 forgery matrix', () => {
  it('1. no notify_token, 2. a wrong one, 3. the right one with a character changed: 401, nothing changes', async () => {
    const transId = await openOrder(1);
    await pay(transId, 'pending');
    unpaid.push(transId);
    const real = await realNotification(transId);
    const before = await snapshot(transId);
    const token = real['notify_token'] ?? '';
    await expectRefusedUnchanged(transId, await notify({ merchant_transaction_id: transId, status: 'SUCCESS' }, 1));
    await expectRefusedUnchanged(transId, await notify({ ...real, notify_token: 'f'.repeat(token.length), status: 'SUCCESS' }, 1));
    await expectRefusedUnchanged(transId, await notify({ ...real, notify_token: `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}` }, 1));
    expect((await snapshot(transId)).checks).toEqual(before.checks);
  });

  it("4. another order's real notify_token: 401 for this order", async () => {
    const other = await openOrder(4);
    await pay(other, 'success');
    paid.push(other);
    const theirs = await realNotification(other);
    const victim = await openOrder(4);
    unpaid.push(victim);
    await expectRefusedUnchanged(victim, await notify({ ...theirs, merchant_transaction_id: victim }, 4));
  });

  it('5. the right token on a body that says SUCCESS while the status call says PENDING: it stays PENDING', async () => {
    const transId = await openOrder(5);
    await pay(transId, 'pending');
    unpaid.push(transId);
    const answer = await notify({ ...(await realNotification(transId)), status: 'SUCCESS' }, 5);
    expect(answer.status, answer.text).toBe(200);
    expect((await publicOrder(transId)).status).toBe('PENDING');
  });

  it('6. the right token while the status call names another CinetPay transaction, then says FAILED: never ACCEPTED', async () => {
    const named = await openOrder(6);
    await armFault('2026/status', 'other_transaction', 1);
    await pay(named, 'success');
    expect((await snapshot(named)).notifications.map((notification) => notification.outcome)).toEqual(['mismatch TRANS_ID_MISMATCH']);
    const recheck = await admin(`/admin/orders/${named}/recheck`, { method: 'POST' });
    expect(recheck.status, recheck.text).toBe(200);
    expect((await publicOrder(named)).status).toBe('ACCEPTED');
    paid.push(named);

    const failed = await openOrder(6);
    await armFault('2026/status', 'result_flip', 1);
    await pay(failed, 'success');
    expect((await publicOrder(failed)).status).toBe('REFUSED');
    unpaid.push(failed);
  });
});

describe('the access token under faults', () => {
  it('a token expired between checkout and notification: one new login, the order completes', async () => {
    const transId = await openOrder(20);
    await sandbox('/__sandbox/2026/expire-tokens', { method: 'POST' });
    const before = (await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats')).calls['2026/login'] ?? 0;
    await pay(transId, 'success');
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    expect(((await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats')).calls['2026/login'] ?? 0) - before).toBe(1);
    paid.push(transId);
  });

  it.each([
    ['2026/status', 'expired_token'],
    ['2026/status', 'unauthorized'],
    ['2026/payment', 'expired_token'],
  ] as const)('%s answering %s once: one new login and one retry, nothing lost', async (target, fault) => {
    if (target === '2026/payment') {
      await armFault(target, fault, 1);
      const transId = await openOrder(21);
      await pay(transId, 'success');
      expect((await publicOrder(transId)).status).toBe('ACCEPTED');
      paid.push(transId);
      return;
    }
    const transId = await openOrder(21);
    await armFault(target, fault, 1);
    await pay(transId, 'success');
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    paid.push(transId);
  });

  it.each([
    ['unauthorized', 'CINETPAY_401_INVALID_CREDENTIALS'],
    ['timeout', 'UPSTREAM_TIMEOUT'],
    ['http_500', 'UPSTREAM_UNAVAILABLE'],
  ] as const)('a login that fails (%s): a 502 %s, nothing stored, no credential in the answer', async (fault, code) => {
    await sandbox('/__sandbox/2026/expire-tokens', { method: 'POST' });
    await armFault('2026/login', fault, 1, fault === 'timeout' ? 3_000 : undefined);
    const before = (await sandbox<{ transactions: unknown[] }>('/__sandbox/transactions')).transactions.length;
    const answer = await checkout(22);
    expect(answer.status, answer.text).toBe(502);
    expect(stableErrorCode(answer)).toBe(code);
    expect(leaks(answer)).toEqual([]);
    expect((await sandbox<{ transactions: unknown[] }>('/__sandbox/transactions')).transactions.length).toBe(before);
    count({ injected5xx: 1 });
  });
});

describe('transport faults on the 2026 calls', () => {
  it.each(['timeout', 'http_500', 'garbage'] as const)('payment %s at checkout: a 502 with a stable code, and no credential in it', async (fault) => {
    await armFault('2026/payment', fault, 1, fault === 'timeout' ? 3_000 : undefined);
    const answer = await checkout(30);
    expect(answer.status, answer.text).toBe(502);
    expect(stableErrorCode(answer)).toMatch(/^UPSTREAM_/);
    expect(leaks(answer)).toEqual([]);
    count({ injected5xx: 1 });
  });

  it.each(['timeout', 'http_500', 'garbage'] as const)('status %s during a notification: 503, order unchanged, then the retry accepts it', async (fault) => {
    const transId = await openOrder(31);
    await armFault('2026/status', fault, 1, fault === 'timeout' ? 3_000 : undefined);
    await pay(transId, 'success');
    expect((await sandboxTransaction(transId)).notifications[0]?.status).toBe(503);
    count({ injected5xx: 1 });
    await expect.poll(async () => (await publicOrder(transId)).status, { timeout: 15_000 }).toBe('ACCEPTED');
    paid.push(transId);
  });

  it('a storm of 30 duplicate notifications at once: ACCEPTED once, one order.paid', async () => {
    const transId = await openOrder(32);
    await pay(transId, 'success', 0);
    await notifyAgain(transId, 30);
    expect((await publicOrder(transId)).status).toBe('ACCEPTED');
    expect((await snapshot(transId)).transitions.filter((transition) => transition.to === 'ACCEPTED')).toHaveLength(1);
    paid.push(transId);
  });
});

describe('the judgement on the 2026 API', () => {
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

  it("the Worker's log lines hold no api_key, api_password, access token or notify_token", async () => {
    // wrangler's startup banner lists the sandbox environment's vars, the public test credentials among them: not the Worker's lines.
    const log = (await workerLog())
      .split('\n')
      .filter((line) => !line.includes('Environment Variable'))
      .join('\n');
    expect(log).toContain('logging in again');
    for (const secret of API2026_SECRETS) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/sbx_at\.\d+/);
    const tokens = await Promise.all(
      [...paid, ...unpaid].map(async (transId) => (await sandboxTransaction(transId)).notifications[0]?.fields['notify_token'] ?? ''),
    );
    for (const token of tokens.filter((value) => value !== '')) expect(log).not.toContain(token);
  });
});
