import { describe, expect, it } from 'vitest';
import { judge2026 } from '../../worker/src/cinetpay-2026';

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
    expect(judge2026(answer, EXPECTED, 'XOF').kind).toBe(kind);
  });

  it("takes the account's franc CFA: XAF for a merchant in the BEAC zone, and then XOF is the other currency", () => {
    expect(judge2026({ ...SUCCESS, currency: 'XAF' }, EXPECTED, 'XAF').kind).toBe('paid');
    expect(judge2026({ ...SUCCESS, currency: 'XOF' }, EXPECTED, 'XAF').kind).toBe('mismatch');
  });
});
