import { describe, expect, it } from 'vitest';
import { parseSignatureAnswer } from '../../shared/cinetpay/cinetpay-responses';
import { API_METHODS } from '../../shared/cinetpay/wire';
import { APIKEY, api, call, order, postForm, sign } from './support';

/** Expects `{"status":{"code","message"}}` with this Annexe I code, through the shared parser too. */
async function expectRefused(fields: Readonly<Record<string, string | undefined>> | string, code: string, message: string): Promise<void> {
  const answer = await api('getSignatureByPost', fields);
  expect(answer.status).toBe(200);
  expect(answer.json).toEqual({ status: { code, message } });
  expect(parseSignatureAnswer(answer.text)).toEqual({ ok: false, error: { kind: 'cinetpay', code, message } });
}

describe('POST /v1/?method=getSignatureByPost', () => {
  it('answers the signature as a JSON string of 40 lowercase hex characters', async () => {
    const answer = await api('getSignatureByPost', { ...order() });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^"[0-9a-f]{40}"$/);
    expect(answer.json).toMatch(/^[0-9a-f]{40}$/);
    expect(parseSignatureAnswer(answer.text)).toEqual({ ok: true, value: answer.json });
  });

  it('is deterministic: the same fields give the same signature (the PHP SDK relies on it)', async () => {
    const request = order();
    expect(await sign(request)).toBe(await sign(request));
  });

  it.each([
    ['cpm_amount', '5001'],
    ['cpm_currency', 'XOF'],
    ['cpm_trans_id', '99887766'],
    ['cpm_trans_date', '2017-04-09 15:45:23'],
    ['cpm_language', 'en'],
    ['cpm_designation', 'T-shirt L'],
    ['cpm_custom', 'order-43'],
  ])('covers %s: changing it changes the signature', async (field, value) => {
    const request = order();
    expect(await sign({ ...request, [field]: value })).not.toBe(await sign(request));
  });

  it('covers the locked phone number and its prefix', async () => {
    const request = order({ cel_phone_num: '01020304', cpm_phone_prefix: '225' });
    const signature = await sign(request);
    expect(await sign({ ...request, cel_phone_num: '01020305' })).not.toBe(signature);
    expect(await sign({ ...request, cpm_phone_prefix: '226' })).not.toBe(signature);
    expect(await sign(order({ cpm_trans_id: request.cpm_trans_id, cpm_trans_date: request.cpm_trans_date }))).not.toBe(signature);
  });

  it('treats an absent cpm_custom (optional) like an empty one', async () => {
    const request = order({ cpm_custom: undefined });
    expect(await sign(request)).toBe(await sign({ ...request, cpm_custom: '' }));
  });

  it('answers the same on /v1 without the trailing slash', async () => {
    const request = order();
    const response = await postForm('/v1?method=getSignatureByPost', { ...request });
    expect(await response.json()).toBe(await sign(request));
  });

  describe('refuses as the live service does, with the Annexe I code', () => {
    it.each([
      'cpm_amount',
      'cpm_currency',
      'cpm_site_id',
      'cpm_trans_id',
      'cpm_trans_date',
      'cpm_payment_config',
      'cpm_page_action',
      'cpm_version',
      'cpm_language',
      'cpm_designation',
      'apikey',
    ] as const)('608 MINIMUM_REQUIRED_FIELDS without %s', async (field) => {
      await expectRefused({ ...order({ [field]: undefined }) }, '608', 'MINIMUM_REQUIRED_FIELDS');
    });

    it('608 when a mandatory field is empty', async () => {
      await expectRefused({ ...order({ cpm_designation: '' }) }, '608', 'MINIMUM_REQUIRED_FIELDS');
    });

    it('608 for an empty body', async () => {
      await expectRefused('', '608', 'MINIMUM_REQUIRED_FIELDS');
    });

    it('609 AUTH_NOT_FOUND for a wrong apikey, without echoing it', async () => {
      const answer = await api('getSignatureByPost', { ...order({ apikey: 'a-real-looking-key-123' }) });
      expect(answer.json).toEqual({ status: { code: '609', message: 'AUTH_NOT_FOUND' } });
      expect(answer.text).not.toContain('a-real-looking-key-123');
    });

    it('613 ERROR_SITE_ID_NOTVALID for another site id', async () => {
      await expectRefused({ ...order({ cpm_site_id: '296911' }) }, '613', 'ERROR_SITE_ID_NOTVALID');
    });

    it('checks the apikey before the site id', async () => {
      await expectRefused({ ...order({ apikey: 'wrong', cpm_site_id: '296911' }) }, '609', 'AUTH_NOT_FOUND');
    });

    it.each([['5.5'], ['100,5'], ['12.0']])('611 ERROR_AMOUNT_TYPE for a non-integer amount %s', async (amount) => {
      await expectRefused({ ...order({ cpm_amount: amount }) }, '611', 'ERROR_AMOUNT_TYPE');
    });

    it.each([['abc'], ['-10'], ['1e3'], ['5 000']])('628 ERROR_AMOUNT_FORMAT for a malformed amount %s', async (amount) => {
      await expectRefused({ ...order({ cpm_amount: amount }) }, '628', 'ERROR_AMOUNT_FORMAT');
    });

    it.each([['4'], ['0']])('641 ERROR_AMOUNT_TOO_LOW for %s (< 5)', async (amount) => {
      await expectRefused({ ...order({ cpm_amount: amount }) }, '641', 'ERROR_AMOUNT_TOO_LOW');
    });

    it('accepts the minimum, 5', async () => {
      await sign(order({ cpm_amount: '5' }));
    });

    it.each([['EUR'], ['cfa'], ['USD']])('612 ERROR_CURRENCY_NOTVALID for %s', async (currency) => {
      await expectRefused({ ...order({ cpm_currency: currency }) }, '612', 'ERROR_CURRENCY_NOTVALID');
    });

    it.each([['09/04/2017 15:45:22'], ['2017-02-30 10:00:00'], ['2017-04-09T15:45:22Z'], ['2017-04-09'], ['20170409']])(
      '614 ERROR_FORMAT_TRANSACTION_DATE for %s',
      async (date) => {
        await expectRefused({ ...order({ cpm_trans_date: date }) }, '614', 'ERROR_FORMAT_TRANSACTION_DATE');
      },
    );

    it.each([['de'], ['FR'], ['french']])('615 ERROR_LANGUAGE_NOTVALID for %s', async (language) => {
      await expectRefused({ ...order({ cpm_language: language }) }, '615', 'ERROR_LANGUAGE_NOTVALID');
    });

    it('616 ERROR_PAGE_ACTION_NOTVALID', async () => {
      await expectRefused({ ...order({ cpm_page_action: 'REFUND' }) }, '616', 'ERROR_PAGE_ACTION_NOTVALID');
    });

    it('617 ERROR_PAYMENT_CONFIG_NOTVALID', async () => {
      await expectRefused({ ...order({ cpm_payment_config: 'MULTIPLE' }) }, '617', 'ERROR_PAYMENT_CONFIG_NOTVALID');
    });

    it('618 ERROR_API_VERSION_NOTVALID', async () => {
      await expectRefused({ ...order({ cpm_version: 'V2' }) }, '618', 'ERROR_API_VERSION_NOTVALID');
    });

    it('608 for a phone number without its prefix, 636 for a malformed one', async () => {
      await expectRefused({ ...order({ cel_phone_num: '01020304' }) }, '608', 'MINIMUM_REQUIRED_FIELDS');
      await expectRefused({ ...order({ cel_phone_num: '0102-0304', cpm_phone_prefix: '225' }) }, '636', 'ERROR_PHONE_NUMBER_NOT_SUPPORTED');
    });
  });

  describe("is as lenient as the live service was with CinetPay's PHP SDK", () => {
    it('accepts the currency XOF', async () => {
      await sign(order({ cpm_currency: 'XOF' }));
    });

    it('accepts cpm_trans_date as YYYYMMDDHHMMSS', async () => {
      await sign(order({ cpm_trans_date: '20170409154522' }));
      await expectRefused({ ...order({ cpm_trans_date: '20171309154522' }) }, '614', 'ERROR_FORMAT_TRANSACTION_DATE');
    });

    it('reads a body that was not URL-encoded, taking a lone % literally', async () => {
      const request = order({ cpm_designation: 'Remise 10% (été)', cpm_trans_date: '2017-04-09 15:45:22' });
      // What the guide's postData() sends: key=value joined with &, nothing escaped.
      const raw = Object.entries(request)
        .map(([key, value]) => `${key}=${value}`)
        .join('&');
      const answer = await api('getSignatureByPost', raw);
      expect(answer.json, answer.text).toBe(await sign(request));
    });
  });

  it('does not echo the apikey in any answer', async () => {
    const answer = await api('getSignatureByPost', { ...order() });
    expect(answer.text).not.toContain(APIKEY);
  });
});

describe('the API endpoint', () => {
  it('answers 404 with an Annexe I status for an unknown method', async () => {
    const response = await postForm('/v1/?method=getEverything', { apikey: APIKEY });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ status: { code: '624', message: 'UNKNOWN_ERROR' } });
  });

  it('takes POST only', async () => {
    const response = await call(`/v1/?method=${API_METHODS[0]}`);
    expect(response.status).toBe(405);
  });
});
