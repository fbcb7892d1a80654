/**
 * The franc CFA a v2 payment is judged in: the account's (CFA_ZONE). A
 * payment CinetPay reports in the other franc is not this order's, whatever
 * its amount.
 */

import { describe, expect, it } from 'vitest';
import type { V2CheckAnswer } from '../../shared/cinetpay/v2-wire';
import { judgeV2, v2Currency } from '../../worker/src/cinetpay-v2';

const EXPECTED = { transId: '17959444245061379370', amount: 5000, currency: 'CFA', signature: 'token' } as const;

function paidIn(currency: string): V2CheckAnswer {
  return {
    code: '00',
    message: 'SUCCES',
    api_response_id: '1',
    data: { amount: '5000', currency, status: 'ACCEPTED', payment_method: 'OM', description: 'T-shirt', metadata: null, operator_id: 'MP1', payment_date: '' },
  };
}

describe("judgeV2 in the account's franc CFA", () => {
  it('names the catalog’s CFA as the zone’s currency', () => {
    expect(v2Currency('CFA', 'XOF')).toBe('XOF');
    expect(v2Currency('CFA', 'XAF')).toBe('XAF');
  });

  it.each([
    ['XOF', 'XOF', 'paid'],
    ['XAF', 'XAF', 'paid'],
    ['XOF', 'XAF', 'mismatch'],
    ['XAF', 'XOF', 'mismatch'],
  ] as const)('an account in %s, a payment reported in %s: %s', (zone, reported, kind) => {
    expect(judgeV2(paidIn(reported), EXPECTED, zone).kind).toBe(kind);
  });
});
