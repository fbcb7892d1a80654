import { describe, expect, it } from 'vitest';
import { asksForLogin, parseApi2026Login, parseApi2026Payment, parseApi2026Status } from '../../../shared/cinetpay/api2026-wire';

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
