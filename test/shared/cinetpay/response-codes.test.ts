import { describe, expect, it } from 'vitest';
import { codeCategory, codeForMessage, RESPONSE_CODES, responseCode, SUCCESS_CODE } from '../../../shared/cinetpay/response-codes';

/** Annexe I (LISTE DES CODES DE REPONSES), copied from the guide, typo included. */
const ANNEXE_I: readonly (readonly [string, string])[] = [
  ['00', 'SUCCES'],
  ['600', 'PAYMENT_FAILED'],
  ['601', 'MERCHANT_NOT_FOUND'],
  ['602', 'INSUFFICIENT_BALANCE'],
  ['603', 'SERVICE_UNAVAILABLE'],
  ['604', 'OTP_CODE_ERROR'],
  ['605', 'TRANSACTION_CLOSED'],
  ['606', 'INCORRECT_SETTINGS'],
  ['607', 'PENDING'],
  ['608', 'MINIMUM_REQUIRED_FIELDS'],
  ['609', 'AUTH_NOT_FOUND'],
  ['610', 'ERROR_PAYMETHOD_NOTFOUND'],
  ['611', 'ERROR_AMOUNT_TYPE'],
  ['612', 'ERROR_CURRENCY_NOTVALID'],
  ['613', 'ERROR_SITE_ID_NOTVALID'],
  ['614', 'ERROR_FORMAT_TRANSACTION_DATE'],
  ['615', 'ERROR_LANGUAGE_NOTVALID'],
  ['616', 'ERROR_PAGE_ACTION_NOTVALID'],
  ['617', 'ERROR_PAYMENT_CONFIG_NOTVALID'],
  ['618', 'ERROR_API_VERSION_NOTVALID'],
  ['619', 'ERROR_SIGNATURE_DONT_MATCHED'],
  ['620', 'ERROR_DOUBLE_PAYEMNT'],
  ['621', 'ERROR_OMPAY_UNAVAILABLE'],
  ['622', 'ERROR_MOMOPAY_UNAVAILABLE'],
  ['623', 'WAITING_CUSTOMER_TO_VALIDATE'],
  ['624', 'UNKNOWN_ERROR'],
  ['625', 'ABONNEMENT_OR_TRANSACTIONS_EXPIRED'],
  ['626', 'ERROR_FLOOZPAY_UNAVAILABLE'],
  ['627', 'TRANSACTION_CANCEL'],
  ['628', 'ERROR_AMOUNT_FORMAT'],
  ['635', 'ERROR_PHONE_NUMBER_NOT_FOUND'],
  ['636', 'ERROR_PHONE_NUMBER_NOT_SUPPORTED'],
  ['638', 'SECURE_PAYMENT_WAITING_CONFIRMATION'],
  ['640', 'ERROR_YUP_UNAVAILABLE'],
  ['641', 'ERROR_AMOUNT_TOO_LOW'],
];

describe('RESPONSE_CODES is Annexe I, exactly', () => {
  it("holds the 35 codes of Annexe I and no other, in the guide's order", () => {
    expect(ANNEXE_I).toHaveLength(35);
    expect(RESPONSE_CODES.size).toBe(35);
    expect([...RESPONSE_CODES.keys()]).toStrictEqual(ANNEXE_I.map(([code]) => code));
  });

  it.each(ANNEXE_I)("%s carries the guide's exact message %s", (code, message) => {
    const info = RESPONSE_CODES.get(code);
    expect(info?.code).toBe(code);
    expect(info?.message).toBe(message);
    expect(responseCode(code)).toBe(info);
  });

  it("keeps the guide's own spelling ERROR_DOUBLE_PAYEMNT for 620", () => {
    expect(responseCode('620')?.message).toBe('ERROR_DOUBLE_PAYEMNT');
    expect(codeForMessage('ERROR_DOUBLE_PAYMENT')).toBeUndefined();
  });

  it('every code has a non-empty French and English text, and they differ', () => {
    for (const info of RESPONSE_CODES.values()) {
      expect(info.text.fr.trim(), info.code).not.toBe('');
      expect(info.text.en.trim(), info.code).not.toBe('');
      expect(info.text.fr, info.code).not.toBe(info.text.en);
    }
  });

  it('a customer text never shows the machine message', () => {
    for (const info of RESPONSE_CODES.values()) {
      expect(info.text.fr, info.code).not.toContain(info.message);
      expect(info.text.en, info.code).not.toContain(info.message);
    }
  });
});

describe('categories: what a code means for an order', () => {
  it('00 is the only success, and it is SUCCESS_CODE', () => {
    expect(SUCCESS_CODE).toBe('00');
    const successes = [...RESPONSE_CODES.values()].filter((info) => info.category === 'success').map((info) => info.code);
    expect(successes).toStrictEqual(['00']);
    expect(codeCategory('00')).toBe('success');
  });

  it('607, 623 and 638 are the only pending codes', () => {
    const pending = [...RESPONSE_CODES.values()].filter((info) => info.category === 'pending').map((info) => info.code);
    expect(pending).toStrictEqual(['607', '623', '638']);
  });

  it('a cancelled payment (627) and a wrong OTP (604) are refusals, not pending', () => {
    expect(codeCategory('627')).toBe('refused');
    expect(codeCategory('604')).toBe('refused');
    expect(codeCategory('600')).toBe('refused');
  });

  it("bad credentials (609) and an unknown site (613) are the merchant's configuration", () => {
    expect(codeCategory('609')).toBe('merchant-configuration');
    expect(codeCategory('613')).toBe('merchant-configuration');
  });

  it('an unknown code is upstream, never success', () => {
    for (const code of ['0', '000', '', '642', '999', 'SUCCES', ' 00', '00 ', '6O9']) {
      expect(codeCategory(code), JSON.stringify(code)).toBe('upstream');
      expect(responseCode(code)).toBeUndefined();
    }
  });
});

describe('codeForMessage: from a message back to its code', () => {
  it.each(ANNEXE_I)('%s is found from %s', (code, message) => {
    expect(codeForMessage(message)?.code).toBe(code);
  });

  it('matches the exact message only', () => {
    expect(codeForMessage('auth_not_found')).toBeUndefined();
    expect(codeForMessage('SUCCESS')).toBeUndefined();
    expect(codeForMessage('')).toBeUndefined();
  });
});
