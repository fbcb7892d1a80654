/**
 * Orders that heal themselves, and the holes an attacker found (issue 10),
 * against the real sandbox: a REFUSED order paid later, the upstream budget
 * under a flood, the notification log's evidence, labelled open amounts and
 * a foreign Host header. Scheduled re-checks are off here (RECHECK_SCHEDULE
 * is 1h in this project); test/worker-heal covers them.
 */

import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckoutResponse, FormCheckoutResponse } from '../../shared/api/contract';
import { orderStub } from '../../worker/src/order-object';
import {
  checkout,
  eventually,
  notificationBody,
  pay,
  postHostedForm,
  postJson,
  publicOrder,
  resetSandbox,
  sandbox,
  snapshot,
  webhookDeliveries,
  worker,
} from './support';

beforeEach(resetSandbox);

const WAVE = 100;
let clients = 0;

/** One client IP for a whole flood, and another for the next test. */
function freshClient(): Record<string, string> {
  clients++;
  return { 'cf-connecting-ip': `192.0.2.${clients}` };
}

/** How many checks the order has started, each one logged whatever its end (fewer than its log keeps, in these tests). */
async function checksStarted(transId: string): Promise<number> {
  return runInDurableObject(orderStub(env, transId), (_instance, state) => {
    const sql = state.storage.sql;
    // The log is created with the order's first check.
    if (sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'order_log'").toArray().length === 0) return 0;
    return sql.exec<{ count: number }>("SELECT COUNT(*) AS count FROM order_log WHERE kind = 'check'").one().count;
  });
}

async function checkPayStatusCalls(): Promise<number> {
  const { calls } = await sandbox<{ calls: Record<string, number> }>('/__sandbox/stats');
  return calls['checkPayStatus'] ?? 0;
}

/** Wrong OTP first (notified: REFUSED), then a successful payment whose notification is lost. */
async function refusedThenPaidSilently(): Promise<CheckoutResponse> {
  const started = await checkout();
  await postHostedForm(started);
  await pay(started.transId, 'otp_error', 1);
  await eventually(async () => ((await publicOrder(started.transId)).status === 'REFUSED' ? true : undefined));
  await pay(started.transId, 'success', 0);
  return started;
}

describe('a paid order that was REFUSED first', () => {
  it('is recovered by the customer coming back to /return, with no notification at all', async () => {
    const started = await refusedThenPaidSilently();
    const back = await worker(`/return?trans_id=${started.transId}`, { redirect: 'manual', headers: freshClient() });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`http://127.0.0.1:8787/success.html?trans_id=${started.transId}&status=ACCEPTED&lang=fr`);
    const history = await snapshot(started.transId);
    expect(history.transitions.map((transition) => [transition.to, transition.source])).toEqual([
      ['PENDING', 'checkout'],
      ['REFUSED', 'notify'],
      ['ACCEPTED', 'return'],
    ]);
    await eventually(async () => ((await webhookDeliveries(started.transId)).length === 1 ? true : undefined));
  });
});

describe('the upstream budget of one order', () => {
  it('200 returns and 200 notifications, 100 in flight at a time, cost at most one checkPayStatus call per second', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'pending', 0);
    const before = await checkPayStatusCalls();
    const checksBefore = await checksStarted(started.transId);
    const fields = { cpm_trans_id: started.transId, cpm_site_id: '445160' };
    const client = freshClient();
    const notification = notificationBody(fields);
    const requests = Array.from({ length: 400 }, (_, index) =>
      index % 2 === 0
        ? () => worker(`/return?trans_id=${started.transId}`, { redirect: 'manual', headers: client })
        : () => worker('/notify', { ...notification, headers: { ...notification.headers, ...client } }),
    );
    const statuses: number[] = [];
    const startedAt = Date.now();
    // The test runs inside one Worker request, whose runtime slows down past a hundred subrequests in flight.
    for (let next = 0; next < requests.length; next += WAVE) {
      const answers = await Promise.all(requests.slice(next, next + WAVE).map((send) => send()));
      statuses.push(...answers.map((answer) => answer.status));
    }
    const elapsedMs = Date.now() - startedAt;
    // Counted where they start: on a loaded machine a check can outlive the tests' 1 s upstream timeout
    // before the sandbox counts it, and it still spends the budget.
    const checks = (await checksStarted(started.transId)) - checksBefore;
    expect(checks).toBeGreaterThanOrEqual(1);
    // The budget: one check at a time, at least CHECK_SPACING_MS (1 s) apart, however many requests ask. (Not a
    // count per wave: on a loaded machine one wave's requests reach the Worker over several seconds, each second
    // rightly allowing one more check.)
    expect(checks).toBeLessThanOrEqual(1 + Math.ceil(elapsedMs / 1000));
    expect((await checkPayStatusCalls()) - before).toBeLessThanOrEqual(checks);
    expect(statuses.filter((status) => status === 303)).toHaveLength(200);
    // The notifications beyond the per-client, per-order limit are refused before they cost anything.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // A notification answered while its check timed out gets 503 (CinetPay retries it): right, and only then.
    const timedOut = (await snapshot(started.transId)).checks.some((check) => check.outcome.startsWith('upstream'));
    expect(statuses.every((status) => [200, 303, 429].includes(status) || (status === 503 && timedOut))).toBe(true);
    expect((await publicOrder(started.transId)).status).toBe('PENDING');
  }, 90_000);

  it('a notification that arrives while a check is running still gets an answer fetched after it arrived', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'pending', 0);
    const fields = { cpm_trans_id: started.transId, cpm_site_id: '445160' };
    const first = worker('/notify', notificationBody(fields));
    // The customer validates while the first check is in flight; the second notification must see it.
    await pay(started.transId, 'success', 0);
    const second = await worker('/notify', notificationBody(fields));
    expect((await first).status).toBe(200);
    expect(await second.json()).toMatchObject({ status: 'ACCEPTED' });
  });
});

describe('the notification log', () => {
  it('keeps the real notifications when a flood follows them', async () => {
    const started = await checkout();
    await postHostedForm(started);
    await pay(started.transId, 'success', 1);
    await eventually(async () => ((await publicOrder(started.transId)).status === 'ACCEPTED' ? true : undefined));
    const fields = { cpm_trans_id: started.transId, cpm_site_id: '445160', cpm_custom: 'flood' };
    for (let sent = 0; sent < 150; sent += 30) {
      await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          worker('/notify', { ...notificationBody(fields), headers: { ...notificationBody(fields).headers, 'cf-connecting-ip': `203.0.113.${sent + index}` } }),
        ),
      );
    }
    const log = (await snapshot(started.transId)).notifications;
    expect(log).toHaveLength(100);
    expect(log[0]?.outcome).toBe('paid');
    expect(log[0]?.fields['cpm_custom']).not.toBe('flood');
    expect(log.at(-1)?.fields['cpm_custom']).toBe('flood');
  }, 60_000);
});

describe('open amounts are labelled', () => {
  it("a donation named like a product starts with the merchant's label and says kind open", async () => {
    const started = await checkout({ amount: 100, designation: 'T-shirt CinetPay (M)' });
    expect(started.fields.cpm_designation).toBe('Don : T-shirt CinetPay (M)');
    await postHostedForm(started);
    await pay(started.transId, 'success', 1);
    const [delivery] = await eventually(async () => {
      const found = await webhookDeliveries(started.transId);
      return found.length > 0 ? found : undefined;
    });
    const event = JSON.parse(delivery?.body ?? '{}') as { data: Record<string, unknown> };
    expect(event.data).toMatchObject({ kind: 'open', productId: null, amount: 100, designation: 'Don : T-shirt CinetPay (M)' });
    expect((await snapshot(started.transId)).order).toMatchObject({ kind: 'open', productId: null });
  });

  it('a catalog order carries kind product and its product id', async () => {
    const started = await checkout({ product: 'tshirt-m' });
    expect((await snapshot(started.transId)).order).toMatchObject({ kind: 'product', productId: 'tshirt-m', amount: 5000 });
  });

  it('refuses zero-width and other format characters in a designation', async () => {
    for (const designation of ['T-shirt\u200B', '\uFEFFT-shirt', 'T\u061Cshirt']) {
      const response = await postJson('/api/checkout', { amount: 100, designation });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_DESIGNATION' } });
    }
  });
});

describe('PUBLIC_URL, not the Host header, decides every URL', () => {
  it('a checkout and a return sent with a foreign Host change no URL', async () => {
    const response = await worker('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:8787', host: 'evil.example' },
      body: JSON.stringify({ product: 'casquette' }),
    });
    expect(response.status).toBe(200);
    const started = await response.json<FormCheckoutResponse>();
    expect(started.fields.notify_url).toBe('http://127.0.0.1:8787/notify');
    expect(started.fields.return_url).toBe(`http://127.0.0.1:8787/return?trans_id=${started.transId}`);
    expect(started.fields.cancel_url).toBe(`http://127.0.0.1:8787/cancel?trans_id=${started.transId}`);
    const evil = await exportsFetch(`http://evil.example/return?trans_id=${started.transId}`);
    expect(evil.headers.get('location')?.startsWith('http://127.0.0.1:8787/')).toBe(true);
  });
});

async function exportsFetch(url: string): Promise<Response> {
  const { exports } = await import('cloudflare:workers');
  return exports.default.fetch(new Request(url, { redirect: 'manual' }));
}
