import { beforeEach, describe, expect, it } from 'vitest';
import { parseStatusAnswer } from '../../shared/cinetpay/cinetpay-responses';
import { API_METHODS } from '../../shared/cinetpay/wire';
import { APIKEY, api, call, control, openPayment, order, press, SITE_ID, sign, status } from './support';

type Fault = { id: number; target: string; fault: string; remaining: number; delayMs: number };

async function arm(body: Record<string, unknown>): Promise<Fault> {
  const answer = await control<{ fault: Fault }>('/__sandbox/faults', 'POST', body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.fault;
}

async function armed(): Promise<Fault[]> {
  return (await control<{ faults: Fault[] }>('/__sandbox/faults')).json.faults;
}

/** A paid transaction to ask checkPayStatus about. */
async function paid(): Promise<{ transId: string; signature: string; amount: string }> {
  const opened = await openPayment({ cpm_amount: '2500' });
  await press(opened.request.cpm_trans_id, 'success-om');
  return { transId: opened.request.cpm_trans_id, signature: opened.signature, amount: '2500' };
}

const CREDENTIALS = { apikey: APIKEY, cpm_site_id: SITE_ID };

/** One valid call of each method, for the transport faults. */
const CALLS: Record<(typeof API_METHODS)[number], () => Promise<{ status: number; text: string; json: unknown }>> = {
  getSignatureByPost: () => api('getSignatureByPost', { ...order() }),
  checkPayStatus: () => api('checkPayStatus', { ...CREDENTIALS, cpm_trans_id: '1' }),
  getTransHistory: () => api('getTransHistory', CREDENTIALS),
  getCompteStatus: () => api('getCompteStatus', CREDENTIALS),
};

beforeEach(async () => {
  await control('/__sandbox/faults', 'DELETE');
});

describe('POST /__sandbox/faults', () => {
  describe.each(API_METHODS)('on %s', (method) => {
    const callOnce = CALLS[method];

    it('http_500: the next K calls answer 500, then it behaves normally', async () => {
      await arm({ method, fault: 'http_500', count: 2 });
      expect((await callOnce()).status).toBe(500);
      expect((await callOnce()).status).toBe(500);
      const normal = await callOnce();
      expect(normal.status).toBe(200);
      expect(normal.json).not.toBeUndefined();
    });

    it('garbage: the next K calls answer 200 with an HTML body, then JSON again', async () => {
      await arm({ method, fault: 'garbage', count: 1 });
      const garbage = await callOnce();
      expect(garbage.status).toBe(200);
      expect(garbage.json).toBeUndefined();
      expect(garbage.text).toMatch(/^<!DOCTYPE html>/);
      expect((await callOnce()).json).not.toBeUndefined();
    });

    it('timeout: the next K calls answer only after delayMs, then the fault is spent', async () => {
      await arm({ method, fault: 'timeout', count: 1, delayMs: 400 });
      const started = Date.now();
      const slow = await callOnce();
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(slow.status).toBe(200);
      // Nothing armed is left to delay the next call (timing it would only measure how busy the machine is).
      expect(await armed()).toEqual([]);
      expect((await callOnce()).json).not.toBeUndefined();
    });
  });

  it('a fault only hits its own method', async () => {
    await arm({ method: 'getCompteStatus', fault: 'http_500', count: 1 });
    expect((await CALLS.getTransHistory()).status).toBe(200);
    expect((await CALLS.getCompteStatus()).status).toBe(500);
  });

  it('amount_mismatch: checkPayStatus reports another cpm_amount for K calls', async () => {
    const tx = await paid();
    await arm({ method: 'checkPayStatus', fault: 'amount_mismatch', count: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await status(tx.transId);
      const record = parseStatusAnswer(answer.text);
      expect(record.ok && record.value.cpm_amount).toBe('2499');
      expect(record.ok && record.value.cpm_result).toBe('00');
    }
    expect((await status(tx.transId)).json).toMatchObject({ transaction: { cpm_amount: '2500' } });
  });

  it('signature_mismatch: checkPayStatus reports another signature for K calls', async () => {
    const tx = await paid();
    await arm({ method: 'checkPayStatus', fault: 'signature_mismatch', count: 1 });
    const faulty = (await status(tx.transId)).json as { transaction: { signature: string } };
    expect(faulty.transaction.signature).toMatch(/^[0-9a-f]{40}$/);
    expect(faulty.transaction.signature).not.toBe(tx.signature);
    expect((await status(tx.transId)).json).toMatchObject({ transaction: { signature: tx.signature } });
  });

  it('result_flip: a paid transaction is reported refused (600 PAYMENT_FAILED) for K calls', async () => {
    const tx = await paid();
    await arm({ method: 'checkPayStatus', fault: 'result_flip', count: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await status(tx.transId)).json).toMatchObject({
        transaction: { cpm_result: '600', cpm_error_message: 'PAYMENT_FAILED', cpm_trans_status: 'REFUSED' },
      });
    }
    expect((await status(tx.transId)).json).toMatchObject({ transaction: { cpm_result: '00', cpm_trans_status: 'ACCEPTED' } });
  });

  it('a fault is only reported, never stored: the transaction itself is unchanged', async () => {
    const tx = await paid();
    await arm({ method: 'checkPayStatus', fault: 'result_flip', count: 1 });
    await status(tx.transId);
    const view = await control<{ transaction: { state: string; record: { cpm_result: string } } }>(`/__sandbox/transactions/${tx.transId}`);
    expect(view.json.transaction.state).toBe('ACCEPTED');
    expect(view.json.transaction.record.cpm_result).toBe('00');
  });

  it('takes exactly one hit per call, even for concurrent calls', async () => {
    await arm({ method: 'getCompteStatus', fault: 'http_500', count: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => CALLS.getCompteStatus()));
    expect(answers.filter((answer) => answer.status === 500)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(5);
  });

  it('queues faults armed one after the other, oldest first', async () => {
    await arm({ method: 'getCompteStatus', fault: 'http_500', count: 1 });
    await arm({ method: 'getCompteStatus', fault: 'garbage', count: 1 });
    expect((await CALLS.getCompteStatus()).status).toBe(500);
    expect((await CALLS.getCompteStatus()).text).toMatch(/^<!DOCTYPE html>/);
    expect((await CALLS.getCompteStatus()).json).toMatchObject({ user: {} });
  });

  it('GET lists the armed faults with what remains; DELETE clears them', async () => {
    const first = await arm({ method: 'checkPayStatus', fault: 'amount_mismatch', count: 2 });
    expect(first).toMatchObject({ target: 'checkPayStatus', fault: 'amount_mismatch', remaining: 2 });
    await arm({ target: 'webhook', fault: 'http_500', count: 1 });
    await arm({ method: 'getTransHistory', fault: 'timeout', count: 1, delayMs: 10 });
    expect((await armed()).map((fault) => [fault.target, fault.fault, fault.remaining])).toEqual([
      ['checkPayStatus', 'amount_mismatch', 2],
      ['webhook', 'http_500', 1],
      ['getTransHistory', 'timeout', 1],
    ]);
    const tx = await paid();
    await status(tx.transId);
    expect((await armed())[0]?.remaining).toBe(1);
    const cleared = await control<{ cleared: number }>('/__sandbox/faults', 'DELETE');
    expect(cleared.json.cleared).toBe(3);
    expect(await armed()).toEqual([]);
    expect((await status(tx.transId)).json).toMatchObject({ transaction: { cpm_amount: '2500' } });
  });

  it('defaults count to 1 and the timeout delay to 30 000 ms', async () => {
    expect(await arm({ method: 'getCompteStatus', fault: 'timeout' })).toMatchObject({ remaining: 1, delayMs: 30_000 });
  });

  it.each([
    [{ fault: 'http_500', count: 1 }, 'method'],
    [{ method: 'refund', fault: 'http_500', count: 1 }, 'method'],
    [{ method: 'checkPayStatus', fault: 'explode', count: 1 }, 'fault'],
    [{ method: 'checkPayStatus', fault: 'http_500', count: 0 }, 'count'],
    [{ method: 'checkPayStatus', fault: 'http_500', count: 2.5 }, 'count'],
    [{ method: 'checkPayStatus', fault: 'timeout', count: 1, delayMs: -1 }, 'delayMs'],
    [{ method: 'getCompteStatus', fault: 'amount_mismatch', count: 1 }, 'checkPayStatus'],
    [{ target: 'webhook', fault: 'garbage', count: 1 }, 'webhook'],
    [{ method: 'checkPayStatus', target: 'webhook', fault: 'http_500' }, 'not both'],
  ])('refuses %j with 400 INVALID_BODY naming %s', async (body, mentioned) => {
    const answer = await control<{ error: { code: string; message: string } }>('/__sandbox/faults', 'POST', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('INVALID_BODY');
    expect(answer.json.error.message).toContain(mentioned);
  });

  it('the hosted page is never faulted', async () => {
    await arm({ method: 'getSignatureByPost', fault: 'http_500', count: 1 });
    expect((await call('/')).status).toBe(200);
    expect((await CALLS.getSignatureByPost()).status).toBe(500);
    await sign(order());
  });
});
