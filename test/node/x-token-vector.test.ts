/**
 * The `x-token` of a v2 notification against a vector computed by hand from
 * CinetPay's documented field order, and checked by an implementation that
 * shares nothing with ours: Node's `crypto.createHmac`. The expected hex was
 * also computed once with Python's `hmac` module. The sandbox's signer must
 * give it here; the Worker's verifier is checked against the same vector
 * inside workerd (test/worker-v2/x-token.test.ts).
 */

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signXToken } from '../../sandbox/src/x-token-signer';
import { X_TOKEN_FIELDS, xTokenMessage } from '../../shared/cinetpay/v2-wire';

const SECRET_KEY = 'sandbox-secret-key-not-a-secret';

/** A notification, its fields deliberately written out of the documented order. */
const NOTIFICATION: Readonly<Record<string, string>> = {
  cpm_error_message: 'SUCCES',
  cpm_designation: 'T-shirt CinetPay (M)',
  cpm_trans_id: '20261129091500123456',
  cpm_site_id: '445160',
  cpm_amount: '5000',
  cpm_trans_date: '2026-11-29 09:15:00',
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
};

/**
 * By hand, in the documentation's order: cpm_site_id cpm_trans_id
 * cpm_trans_date cpm_amount cpm_currency signature payment_method
 * cel_phone_num cpm_phone_prefixe cpm_language cpm_version
 * cpm_payment_config cpm_page_action cpm_custom cpm_designation
 * cpm_error_message.
 */
const BY_HAND =
  '445160' +
  '20261129091500123456' +
  '2026-11-29 09:15:00' +
  '5000' +
  'XOF' +
  '9f1c0a' +
  'OM' +
  '0700000001' +
  '225' +
  'fr' +
  'V2' +
  'SINGLE' +
  'PAYMENT' +
  'commande-42' +
  'T-shirt CinetPay (M)' +
  'SUCCES';

const EXPECTED = '389e2ec5a92d37a539468dc735511b4974f84832ef57459fdc7a0f06d6c89d8f';

describe('x-token: HMAC-SHA256 (hex) of the documented concatenation, keyed with the secret key', () => {
  it('Node crypto over the hand-written concatenation gives the expected vector', () => {
    expect(createHmac('sha256', SECRET_KEY).update(BY_HAND, 'utf8').digest('hex')).toBe(EXPECTED);
  });

  it('the shared concatenation follows the documented order, whatever order the fields arrive in', () => {
    expect(X_TOKEN_FIELDS).toHaveLength(16);
    expect(xTokenMessage(NOTIFICATION)).toBe(BY_HAND);
  });

  it("the sandbox's signer computes the vector", async () => {
    expect(await signXToken(NOTIFICATION, SECRET_KEY)).toBe(EXPECTED);
  });

  it('an absent field counts as empty, and every field changes the token', async () => {
    const { cpm_custom: _custom, ...withoutCustom } = NOTIFICATION;
    const withoutByHand = BY_HAND.replace('commande-42', '');
    expect(await signXToken(withoutCustom, SECRET_KEY)).toBe(createHmac('sha256', SECRET_KEY).update(withoutByHand).digest('hex'));
    for (const name of X_TOKEN_FIELDS) {
      expect(await signXToken({ ...NOTIFICATION, [name]: `${NOTIFICATION[name]}x` }, SECRET_KEY), name).not.toBe(EXPECTED);
    }
  });
});
