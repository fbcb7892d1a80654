import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, cinetpayErrorCode, ORDER_STATUSES } from '../../../shared/api/contract';
import type { FieldErrorCode } from '../../../shared/cinetpay/validate';

describe('cinetpayErrorCode: CINETPAY_<code>_<MESSAGE>', () => {
  it('writes 609 AUTH_NOT_FOUND as CINETPAY_609_AUTH_NOT_FOUND', () => {
    expect(cinetpayErrorCode('609', 'AUTH_NOT_FOUND')).toBe('CINETPAY_609_AUTH_NOT_FOUND');
  });

  it('keeps the leading zeros of 00', () => {
    expect(cinetpayErrorCode('00', 'SUCCES')).toBe('CINETPAY_00_SUCCES');
  });

  it("keeps the guide's spelling of the message", () => {
    expect(cinetpayErrorCode('620', 'ERROR_DOUBLE_PAYEMNT')).toBe('CINETPAY_620_ERROR_DOUBLE_PAYEMNT');
  });

  it('leaves out an empty message', () => {
    expect(cinetpayErrorCode('609', '')).toBe('CINETPAY_609');
  });

  it('upper-cases the message and keeps only letters, digits and _', () => {
    expect(cinetpayErrorCode('609', 'auth_not_found')).toBe('CINETPAY_609_AUTH_NOT_FOUND');
    expect(cinetpayErrorCode('624', 'Unknown error!')).toBe('CINETPAY_624_UNKNOWNERROR');
    expect(cinetpayErrorCode('600', '<script>x</script>')).toBe('CINETPAY_600_SCRIPTXSCRIPT');
    expect(cinetpayErrorCode('600', 'SUCCÈS')).toBe('CINETPAY_600_SUCCS');
    expect(cinetpayErrorCode('600', '!!!')).toBe('CINETPAY_600');
  });

  it('keeps only the digits of the code', () => {
    expect(cinetpayErrorCode(' 609 ', 'AUTH_NOT_FOUND')).toBe('CINETPAY_609_AUTH_NOT_FOUND');
    expect(cinetpayErrorCode('6-0_9', 'AUTH_NOT_FOUND')).toBe('CINETPAY_609_AUTH_NOT_FOUND');
  });

  it('always produces a code of only A-Z, 0-9 and _', () => {
    for (const [code, message] of [
      ['609', 'a b\nc'],
      ['x', 'é'],
      ['', ''],
      ['641', 'ERROR_AMOUNT_TOO_LOW'],
    ] as const) {
      expect(cinetpayErrorCode(code, message)).toMatch(/^CINETPAY_[A-Z0-9_]*$/);
    }
  });
});

describe('our API error codes', () => {
  it('are unique', () => {
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
  });

  it('include every validator error code, so a FieldError travels as is', () => {
    const fieldCodes: readonly FieldErrorCode[] = [
      'MISSING_FIELD',
      'INVALID_AMOUNT',
      'AMOUNT_TOO_LOW',
      'AMOUNT_TOO_HIGH',
      'INVALID_CURRENCY',
      'INVALID_SITE_ID',
      'INVALID_TRANS_ID',
      'INVALID_TRANS_DATE',
      'INVALID_LANGUAGE',
      'INVALID_DESIGNATION',
      'INVALID_CUSTOM',
      'INVALID_PHONE',
      'INVALID_PHONE_PREFIX',
      'INVALID_RETURN_MODE',
    ];
    for (const code of fieldCodes) expect(API_ERROR_CODES, code).toContain(code);
  });

  it('never begin with CINETPAY_, which is reserved for carried CinetPay codes', () => {
    for (const code of API_ERROR_CODES) expect(code.startsWith('CINETPAY_'), code).toBe(false);
  });
});

describe('order statuses', () => {
  it('are PENDING, ACCEPTED, REFUSED and CANCELLED', () => {
    expect(ORDER_STATUSES).toStrictEqual(['PENDING', 'ACCEPTED', 'REFUSED', 'CANCELLED']);
  });
});
