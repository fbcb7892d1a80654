import { describe, expect, it } from 'vitest';
import { computeXToken, validXToken } from '../../worker/src/x-token';

/** The vector of test/node/x-token-vector.test.ts, computed there by hand and with Node's crypto. */
const SECRET_KEY = 'sandbox-secret-key-not-a-secret';
const NOTIFICATION: Readonly<Record<string, string>> = {
  cpm_site_id: '445160',
  cpm_trans_id: '20261129091500123456',
  cpm_trans_date: '2026-11-29 09:15:00',
  cpm_amount: '5000',
  cpm_currency: 'XOF',
  signature: '9f1c0a',
  payment_method: 'OM',
  cel_phone_num: '0700000001',
  cpm_phone_prefixe: '225',
  cpm_language: 'fr',
  cpm_version: 'V2',
  cpm_payment_config: 'SINGLE',
  cpm_page_action: 'PAYMENT',
  cpm_custom: 'commande-42',
  cpm_designation: 'T-shirt CinetPay (M)',
  cpm_error_message: 'SUCCES',
};
const EXPECTED = '389e2ec5a92d37a539468dc735511b4974f84832ef57459fdc7a0f06d6c89d8f';

describe("the Worker's x-token verifier, in workerd", () => {
  it('computes the hand-made vector', async () => {
    expect(await computeXToken(NOTIFICATION, SECRET_KEY)).toBe(EXPECTED);
  });

  it('accepts the vector (in either case) and refuses anything else', async () => {
    expect(await validXToken(NOTIFICATION, EXPECTED, SECRET_KEY)).toBe(true);
    expect(await validXToken(NOTIFICATION, EXPECTED.toUpperCase(), SECRET_KEY)).toBe(true);
    expect(await validXToken(NOTIFICATION, null, SECRET_KEY)).toBe(false);
    expect(await validXToken(NOTIFICATION, `${EXPECTED}00`, SECRET_KEY)).toBe(false);
    expect(await validXToken(NOTIFICATION, EXPECTED, 'another-secret-key-of-this-length')).toBe(false);
    expect(await validXToken(NOTIFICATION, EXPECTED, '')).toBe(false);
    expect(await validXToken({ ...NOTIFICATION, cpm_amount: '50000' }, EXPECTED, SECRET_KEY)).toBe(false);
  });
});
