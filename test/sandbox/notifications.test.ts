import { describe, expect, it, vi } from 'vitest';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import { NOTIFICATION_FIELDS } from '../../shared/cinetpay/wire';
import { APIKEY, call, captured, control, held, MERCHANT, openPayment, order, press, release, settled, sign, status } from './support';

interface Attempt {
  transId: string;
  deliveryId: number;
  url: string;
  attempt: number;
  maxAttempts: number;
  fields: Record<string, string>;
  status: number | null;
  error: string | null;
  at: string;
  nextAttemptAt: string | null;
}

async function attempts(transId: string): Promise<Attempt[]> {
  const { status: code, json } = await control<{ notifications: Attempt[] }>(`/__sandbox/notifications?trans_id=${transId}`);
  expect(code).toBe(200);
  return json.notifications;
}

describe('the notification to notify_url (guide 3.2)', () => {
  it("POSTs exactly the 3.2 fields, form-urlencoded, in the guide's order", async () => {
    const opened = await openPayment({ cpm_custom: 'a&b=c d%é+', cel_phone_num: '01020304', cpm_phone_prefix: '225' }, { notify_url: `${MERCHANT}/ok?shop=1` });
    await press(opened.request.cpm_trans_id, 'success-momo');
    const [received, ...others] = await captured(opened.request.cpm_trans_id);
    expect(others).toEqual([]);
    expect(received?.method).toBe('POST');
    expect(received?.path).toBe('/ok?shop=1');
    expect(received?.contentType).toBe('application/x-www-form-urlencoded');
    const expected = {
      cpm_trans_id: opened.request.cpm_trans_id,
      cpm_amount: '5000',
      cpm_currency: 'CFA',
      cpm_site_id: opened.request.cpm_site_id,
      cpm_language: 'fr',
      cpm_version: 'V1',
      cpm_payment_config: 'SINGLE',
      cpm_page_action: 'PAYMENT',
      cpm_custom: 'a&b=c d%é+',
      payment_method: 'MOMO',
      signature: opened.signature,
      cel_phone_num: '01020304',
      cpm_phone_prefixe: '225',
    };
    expect(Object.keys(expected)).toEqual([...NOTIFICATION_FIELDS]);
    expect(received?.body).toBe(encodeForm(expected));
    expect(received?.body).not.toContain(APIKEY);
  });

  it('says nothing of the outcome itself: a refusal carries the same field set', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    await press(opened.request.cpm_trans_id, 'otp-error');
    const [received] = await captured(opened.request.cpm_trans_id);
    expect([...new URLSearchParams(received?.body).keys()]).toEqual([...NOTIFICATION_FIELDS]);
    expect(received?.body).not.toMatch(/cpm_result|604|OTP/);
  });

  it('is sent, and answered, before the customer is sent back', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/hold/0`, return_url: `${MERCHANT}/return` });
    let answered = false;
    const pressed = press(opened.request.cpm_trans_id, 'success-om').then((response) => ({ response, afterTheAnswer: answered }));
    await held(opened.request.cpm_trans_id);
    answered = true;
    await release(opened.request.cpm_trans_id);
    const { response, afterTheAnswer } = await pressed;
    expect(afterTheAnswer).toBe(true);
    expect(response.status).toBe(303);
    expect(await captured(opened.request.cpm_trans_id)).toHaveLength(1);
  });

  it('sends nothing when the form had no notify_url', async () => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, 'success-om');
    expect(await attempts(opened.request.cpm_trans_id)).toEqual([]);
  });

  it('is retried with exponential backoff until a 2xx (alarm), then cpm_ipn_ack is Y', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/fail/2` });
    await press(opened.request.cpm_trans_id, 'success-om');
    const list = await settled<Attempt>(opened.request.cpm_trans_id);
    expect(list.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(list.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    expect(new Set(list.map((attempt) => attempt.deliveryId)).size).toBe(1);
    expect(list.map((attempt) => attempt.nextAttemptAt === null)).toEqual([false, false, true]);
    const times = list.map((attempt) => Date.parse(attempt.at));
    const [t1 = 0, t2 = 0, t3 = 0] = times;
    // Base 50 ms (vitest.config.ts): 50 ms, then 100 ms.
    expect(t2 - t1).toBeGreaterThanOrEqual(50);
    expect(t3 - t2).toBeGreaterThanOrEqual(100);
    expect(Date.parse(list[0]?.nextAttemptAt ?? '') - t1).toBe(50);
    expect(Date.parse(list[1]?.nextAttemptAt ?? '') - t2).toBe(100);
    const wire = await captured(opened.request.cpm_trans_id);
    expect(wire.map((request) => request.status)).toEqual([500, 500, 200]);
    expect(new Set(wire.map((request) => request.body)).size).toBe(1);
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_ipn_ack: 'Y' } });
  });

  it('gives up after NOTIFY_MAX_ATTEMPTS (4 in these tests)', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/always-500` });
    await press(opened.request.cpm_trans_id, 'success-om');
    // Settled: nothing in flight and no retry due, so the four attempts are all there will ever be.
    const list = await settled<Attempt>(opened.request.cpm_trans_id);
    expect(list).toHaveLength(4);
    expect(list.at(-1)).toMatchObject({ attempt: 4, maxAttempts: 4, status: 500, nextAttemptAt: null });
    expect(await captured(opened.request.cpm_trans_id)).toHaveLength(4);
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_ipn_ack: 'N' } });
  });

  it('does not follow a redirect: a 302 counts as a failure and is retried', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/redirect` });
    await press(opened.request.cpm_trans_id, 'success-om');
    const [first] = await attempts(opened.request.cpm_trans_id);
    expect(first).toMatchObject({ status: 302, nextAttemptAt: expect.any(String) });
    expect((await captured(opened.request.cpm_trans_id)).map((request) => request.path)).not.toContain('/ok');
  });

  it('logs one line per attempt, without secrets', async () => {
    const log = vi.spyOn(console, 'info');
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok?token=s3cret` });
    await press(opened.request.cpm_trans_id, 'success-om');
    const lines = log.mock.calls.map((args) => args.join(' ')).filter((line) => line.includes(opened.request.cpm_trans_id));
    log.mockRestore();
    expect(lines).toEqual([
      `[sandbox] notify trans_id=${opened.request.cpm_trans_id} attempt=1/4 url=${MERCHANT}/ok status=200 ms=${/ms=(\d+)/.exec(lines[0] ?? '')?.[1] ?? ''}`,
    ]);
    expect(lines.join()).not.toContain('s3cret');
    expect(lines.join()).not.toContain(APIKEY);
  });

  it('notifies a pending payment, then again when it is resolved later', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    await press(opened.request.cpm_trans_id, 'pending');
    expect(await captured(opened.request.cpm_trans_id)).toHaveLength(1);
    const resolved = await control<{ transaction: { state: string; record: Record<string, string> }; attempts: Attempt[] }>(
      `/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`,
      'POST',
      { outcome: 'success', paymentMethod: 'MOMO' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.json.transaction.state).toBe('ACCEPTED');
    expect(resolved.json.transaction.record['cpm_result']).toBe('00');
    expect(resolved.json.attempts).toHaveLength(1);
    const wire = await captured(opened.request.cpm_trans_id);
    expect(wire.map((request) => new URLSearchParams(request.body).get('payment_method'))).toEqual(['OM', 'MOMO']);
  });
});

describe('POST /__sandbox/transactions/:transId/outcome', () => {
  it('chooses an outcome without a browser and sends N notifications concurrently', async () => {
    // The merchant answers 200 only once all five are in flight together (504 if they never are).
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/together/5` });
    const answer = await control<{ transaction: { record: Record<string, string> }; attempts: Attempt[] }>(
      `/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`,
      'POST',
      { outcome: 'success', paymentMethod: 'FLOOZ', notifications: 5 },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.attempts).toHaveLength(5);
    expect(answer.json.attempts.every((attempt) => attempt.status === 200)).toBe(true);
    expect(new Set(answer.json.attempts.map((attempt) => attempt.deliveryId)).size).toBe(5);
    expect(await captured(opened.request.cpm_trans_id)).toHaveLength(5);
    expect(answer.json.transaction.record).toMatchObject({ cpm_result: '00', payment_method: 'FLOOZ', cpm_ipn_ack: 'Y' });
  });

  it.each([
    ['otp_error', '604'],
    ['insufficient_balance', '602'],
    ['pending', '623'],
    ['cancel', '627'],
    ['success', '00'],
  ])('%s gives %s', async (outcome, code) => {
    const opened = await openPayment();
    const answer = await control<{ transaction: { record: Record<string, string> } }>(
      `/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`,
      'POST',
      { outcome },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.transaction.record['cpm_result']).toBe(code);
    expect((await status(opened.request.cpm_trans_id)).json).toMatchObject({ transaction: { cpm_result: code } });
  });

  it('sends no notification with notifications: 0', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    const answer = await control<{ attempts: Attempt[] }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', {
      outcome: 'success',
      notifications: 0,
    });
    expect(answer.json.attempts).toEqual([]);
    expect(await captured(opened.request.cpm_trans_id)).toEqual([]);
  });

  it('turns a refusal into a payment (the customer retried), but never changes an accepted one', async () => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, 'otp-error');
    const retried = await control(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', { outcome: 'success' });
    expect(retried.status).toBe(200);
    const again = await control<{ error: { code: string } }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', {
      outcome: 'otp_error',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('TRANSACTION_FINAL');
  });

  it('answers 409 FORM_NOT_POSTED for a transaction only signed, or unknown', async () => {
    const request = order();
    await sign(request);
    for (const transId of [request.cpm_trans_id, '123456789']) {
      const answer = await control<{ error: { code: string; message: string } }>(`/__sandbox/transactions/${transId}/outcome`, 'POST', { outcome: 'success' });
      expect(answer.status).toBe(409);
      expect(answer.json.error.code).toBe('FORM_NOT_POSTED');
    }
  });

  it.each([
    [{ outcome: 'maybe' }, 'outcome'],
    [{ outcome: 'success', paymentMethod: 'VISA' }, 'paymentMethod'],
    [{ outcome: 'success', notifications: 1000 }, 'notifications'],
    [{ outcome: 'success', notifications: 1.5 }, 'notifications'],
    [['success'], 'object'],
  ])('answers 400 INVALID_BODY for %j', async (body, mentioned) => {
    const opened = await openPayment();
    const answer = await control<{ error: { code: string; message: string } }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('INVALID_BODY');
    expect(answer.json.error.message).toContain(mentioned);
  });

  it('answers 400 INVALID_JSON and 400 INVALID_TRANS_ID', async () => {
    expect((await control<{ error: { code: string } }>('/__sandbox/transactions/123/outcome', 'POST', '{nope')).json.error.code).toBe('INVALID_JSON');
    expect((await control<{ error: { code: string } }>('/__sandbox/transactions/a%20b/outcome', 'POST', { outcome: 'success' })).json.error.code).toBe(
      'INVALID_TRANS_ID',
    );
  });
});

describe('POST /__sandbox/transactions/:transId/notify', () => {
  it('sends N duplicates of the current state now, concurrently', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    await press(opened.request.cpm_trans_id, 'success-om');
    const answer = await control<{ attempts: Attempt[] }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/notify`, 'POST', { count: 3 });
    expect(answer.status).toBe(200);
    expect(answer.json.attempts).toHaveLength(3);
    const wire = await captured(opened.request.cpm_trans_id);
    expect(wire).toHaveLength(4);
    expect(new Set(wire.map((request) => request.body)).size).toBe(1);
    expect(await attempts(opened.request.cpm_trans_id)).toHaveLength(4);
  });

  it('answers 409 NO_NOTIFY_URL when the form had none, 409 FORM_NOT_POSTED before the form, 400 for a bad count', async () => {
    const opened = await openPayment();
    expect(
      (await control<{ error: { code: string } }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/notify`, 'POST', { count: 1 })).json.error.code,
    ).toBe('NO_NOTIFY_URL');
    expect((await control<{ error: { code: string } }>('/__sandbox/transactions/987654/notify', 'POST', { count: 1 })).json.error.code).toBe('FORM_NOT_POSTED');
    const bad = await control<{ error: { code: string } }>(`/__sandbox/transactions/${opened.request.cpm_trans_id}/notify`, 'POST', { count: 0 });
    expect(bad.status).toBe(400);
  });
});

describe('GET /__sandbox/notifications', () => {
  it('lists every attempt with its trans id, url, attempt number, fields, answer and time', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    await press(opened.request.cpm_trans_id, 'success-om');
    const [attempt] = await attempts(opened.request.cpm_trans_id);
    expect(attempt).toMatchObject({ transId: opened.request.cpm_trans_id, url: `${MERCHANT}/ok`, attempt: 1, status: 200, error: null, nextAttemptAt: null });
    expect(Object.keys(attempt?.fields ?? {})).toEqual([...NOTIFICATION_FIELDS]);
    expect(Date.parse(attempt?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const all = await (await call('/__sandbox/notifications')).json<{ notifications: Attempt[] }>();
    expect(all.notifications.some((entry) => entry.transId === opened.request.cpm_trans_id)).toBe(true);
  });
});
