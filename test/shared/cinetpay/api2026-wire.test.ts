import { describe, expect, it } from 'vitest';
import { asksForLogin, parseApi2026Login, parseApi2026Payment, parseApi2026Status } from '../../../shared/cinetpay/api2026-wire';
import { judge2026 } from '../../../worker/src/cinetpay-2026';

const EXPECTED = { transId: '17959444245061379370', amount: 5000, currency: 'CFA', signature: 'CP1' } as const;
const SUCCESS = {
  code: '100',
  status: 'SUCCESS',
  merchant_transaction_id: EXPECTED.transId,
  transaction_id: 'CP1',
  payment_method: 'OM',
  amount: 5000,
  currency: 'XOF',
};

describe("the 2026 API's answers, read once for the Worker and the sandbox", () => {
  it('a login answer, and a code as a number or a string, flat or under data', () => {
    expect(parseApi2026Login('{"code":200,"status":"OK","access_token":"t","token_type":"bearer","expires_in":3600}')).toEqual({
      ok: true,
      value: { accessToken: 't', expiresInS: 3600 },
    });
    const wrapped = parseApi2026Status(JSON.stringify({ code: 100, status: 'SUCCESS', data: { merchant_transaction_id: 'a', transaction_id: 'b' } }));
    expect(wrapped).toMatchObject({ ok: true, value: { code: '100', status: 'SUCCESS', merchant_transaction_id: 'a', amount: null } });
  });

  it('INVALID_TOKEN and EXPIRED_TOKEN ask for a new login, whatever the HTTP status; other refusals do not', () => {
    expect(asksForLogin('{"code":401,"status":"EXPIRED_TOKEN","message":"x"}')).toBe(true);
    expect(asksForLogin('{"code":200,"status":"INVALID_TOKEN"}')).toBe(true);
    expect(asksForLogin('{"code":404,"status":"TRANSACTION_NOT_FOUND"}')).toBe(false);
    expect(asksForLogin('<html>')).toBe(false);
    expect(parseApi2026Payment('{"code":400,"status":"INVALID_AMOUNT","message":"x"}')).toEqual({
      ok: false,
      error: { kind: 'cinetpay', code: '400', status: 'INVALID_AMOUNT' },
    });
    expect(parseApi2026Payment('<html>')).toMatchObject({ ok: false, error: { kind: 'unparseable' } });
  });
});

describe('judge2026: only SUCCESS with code 100 naming both ids (and the amount, when given) is a payment', () => {
  it.each([
    ['SUCCESS, code 100, both ids, the amount', SUCCESS, 'paid'],
    ['SUCCESS without amount or currency', { ...SUCCESS, amount: null, currency: null }, 'paid'],
    ['SUCCESS with another code', { ...SUCCESS, code: '200' }, 'pending'],
    ['SUCCESS naming another CinetPay transaction', { ...SUCCESS, transaction_id: 'CP2' }, 'mismatch'],
    ['SUCCESS naming another order', { ...SUCCESS, merchant_transaction_id: '1' }, 'mismatch'],
    ['SUCCESS for another amount', { ...SUCCESS, amount: 4999 }, 'mismatch'],
    ['SUCCESS with an unreadable amount', { ...SUCCESS, amount: Number.NaN }, 'mismatch'],
    ['SUCCESS in another currency', { ...SUCCESS, currency: 'XAF' }, 'mismatch'],
    ['INITIATED', { ...SUCCESS, status: 'INITIATED', code: '101' }, 'pending'],
    ['PENDING', { ...SUCCESS, status: 'PENDING', code: '102' }, 'pending'],
    ['a status nobody documented', { ...SUCCESS, status: 'PROCESSING', code: '109' }, 'pending'],
    ['FAILED', { ...SUCCESS, status: 'FAILED', code: '104' }, 'refused'],
    ['EXPIRED', { ...SUCCESS, status: 'EXPIRED', code: '107' }, 'refused'],
    ['INSUFFICIENT_BALANCE', { ...SUCCESS, status: 'INSUFFICIENT_BALANCE', code: '106' }, 'refused'],
    ['OTP_ERROR', { ...SUCCESS, status: 'OTP_ERROR', code: '105' }, 'refused'],
    ['CANCELLED', { ...SUCCESS, status: 'CANCELLED', code: '103' }, 'cancelled'],
  ] as const)('%s: %s', (_name, answer, kind) => {
    expect(judge2026(answer, EXPECTED).kind).toBe(kind);
  });
});
