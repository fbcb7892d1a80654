import { beforeEach, describe, expect, it } from 'vitest';
import { decodeForm } from '../../shared/cinetpay/form-encoding';
import { CinetpayClient, type ClientError, describeClientError } from '../../worker/src/cinetpay-client';
import {
  GUIDE_BALANCE_ANNEXE_II,
  GUIDE_ERROR_609,
  GUIDE_HISTORY_3_3_COMPLETED,
  GUIDE_SIGNATURE,
  GUIDE_SIGNATURE_BODY,
  GUIDE_STATUS_3_2,
} from '../shared/cinetpay/guide-samples';
import { resetStub, scriptStub, stubRequests, stubUrl } from './stub';

const APIKEY = '21585943f75164bbc2.38014630';
const SITE_ID = '296911';

function client(timeoutMs = 2000, baseUrl = `${stubUrl}/v1/`): CinetpayClient {
  return new CinetpayClient({ baseUrl, apikey: APIKEY, siteId: SITE_ID, timeoutMs });
}

const SIGNED = {
  cpm_amount: '5000',
  cpm_currency: 'CFA',
  cpm_trans_id: '50445985950',
  cpm_trans_date: '2017-04-09 15:45:22',
  cpm_payment_config: 'SINGLE',
  cpm_page_action: 'PAYMENT',
  cpm_version: 'V1',
  cpm_language: 'fr',
  cpm_designation: 'Café & thé = 5 000 F',
  cpm_custom: '100%+sûr\nligne 2',
};

async function onlyRequest() {
  const requests = await stubRequests();
  expect(requests).toHaveLength(1);
  const [request] = requests;
  if (!request) throw new Error('no request');
  return request;
}

function expectNoSecret(error: ClientError): void {
  expect(JSON.stringify(error)).not.toContain(APIKEY);
  expect(describeClientError(error)).not.toContain(APIKEY);
}

beforeEach(resetStub);

describe('getSignature (getSignatureByPost)', () => {
  it('POSTs exactly the guide 2.2 fields, form-urlencoded, to ?method=getSignatureByPost', async () => {
    await scriptStub([{ status: 200, body: GUIDE_SIGNATURE_BODY }]);
    const result = await client().getSignature(SIGNED);
    expect(result).toEqual({ ok: true, value: GUIDE_SIGNATURE });
    const request = await onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/?method=getSignatureByPost');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const fields = decodeForm(request.body);
    expect(fields.ok && fields.value).toEqual({ ...SIGNED, cpm_site_id: SITE_ID, apikey: APIKEY });
    expect(Object.keys(fields.ok ? fields.value : {}).sort()).toEqual([
      'apikey',
      'cpm_amount',
      'cpm_currency',
      'cpm_custom',
      'cpm_designation',
      'cpm_language',
      'cpm_page_action',
      'cpm_payment_config',
      'cpm_site_id',
      'cpm_trans_date',
      'cpm_trans_id',
      'cpm_version',
    ]);
  });

  it('escapes "&", "=", "+", "%" and newlines, which the guide\'s postData does not', async () => {
    await scriptStub([{ status: 200, body: GUIDE_SIGNATURE_BODY }]);
    await client().getSignature(SIGNED);
    const request = await onlyRequest();
    expect(request.body).toContain('cpm_designation=Caf%C3%A9+%26+th%C3%A9+%3D+5+000+F&');
    expect(request.body).toContain('cpm_custom=100%25%2Bs%C3%BBr%0Aligne+2');
    expect(request.body).toContain('cpm_trans_date=2017-04-09+15%3A45%3A22');
  });

  it('sends the phone lock as cel_phone_num and cpm_phone_prefix', async () => {
    await scriptStub([{ status: 200, body: GUIDE_SIGNATURE_BODY }]);
    await client().getSignature({ ...SIGNED, cel_phone_num: '01020304', cpm_phone_prefix: '225' });
    const fields = decodeForm((await onlyRequest()).body);
    expect(fields.ok && fields.value['cel_phone_num']).toBe('01020304');
    expect(fields.ok && fields.value['cpm_phone_prefix']).toBe('225');
  });

  it("returns the guide's 609 error JSON as a typed CinetPay error", async () => {
    await scriptStub([{ status: 200, body: GUIDE_ERROR_609 }]);
    const result = await client().getSignature(SIGNED);
    expect(result).toEqual({ ok: false, error: { kind: 'cinetpay', method: 'getSignatureByPost', code: '609', message: 'AUTH_NOT_FOUND' } });
    if (!result.ok) expectNoSecret(result.error);
  });

  it('turns an HTTP 500 into an http error with the status', async () => {
    await scriptStub([{ status: 500, body: 'Internal Server Error', contentType: 'text/plain' }]);
    const result = await client().getSignature(SIGNED);
    expect(result).toEqual({ ok: false, error: { kind: 'http', method: 'getSignatureByPost', status: 500 } });
  });

  it('turns an HTML page answered with 200 into an unparseable error', async () => {
    await scriptStub([{ status: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' }]);
    const result = await client().getSignature(SIGNED);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('unparseable');
      expect(describeClientError(result.error)).toContain('HTML');
      expectNoSecret(result.error);
    }
  });

  it('gives up after the timeout with a timeout error', async () => {
    await scriptStub([{ status: 200, body: GUIDE_SIGNATURE_BODY, delayMs: 1500 }]);
    const started = Date.now();
    const result = await client(300).getSignature(SIGNED);
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', method: 'getSignatureByPost', timeoutMs: 300 } });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('reports a closed port as a network error', async () => {
    const result = await client(2000, 'http://127.0.0.1:9/v1/').getSignature(SIGNED);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('network');
  });
});

describe('checkPayStatus', () => {
  it('POSTs only apikey, cpm_site_id and cpm_trans_id and parses the guide 3.2 sample', async () => {
    await scriptStub([{ status: 200, body: GUIDE_STATUS_3_2 }]);
    const result = await client().checkPayStatus('50445985950');
    const request = await onlyRequest();
    expect(request.url).toBe('/v1/?method=checkPayStatus');
    const fields = decodeForm(request.body);
    expect(fields.ok && fields.value).toEqual({ apikey: APIKEY, cpm_site_id: SITE_ID, cpm_trans_id: '50445985950' });
    expect(result.ok && result.value).toMatchObject({
      cpm_trans_id: '50445985950',
      cpm_amount: '11',
      cpm_result: '00',
      cpm_trans_status: 'ACCEPTED',
      signature: '4dfbf5b8f40818abffe754b8a8aa04e4d29af25f',
      cpm_trans_date: '04092017140045',
      payment_method: 'OM',
    });
  });

  it('returns a status error as a CinetPay error', async () => {
    await scriptStub([{ status: 200, body: '{"status":{"code":"627","message":"TRANSACTION_CANCEL"}}' }]);
    const result = await client().checkPayStatus('1');
    expect(result).toEqual({ ok: false, error: { kind: 'cinetpay', method: 'checkPayStatus', code: '627', message: 'TRANSACTION_CANCEL' } });
  });
});

describe('getTransHistory', () => {
  it('POSTs the credentials and the filters and returns the transactions of the guide 3.3 sample', async () => {
    await scriptStub([{ status: 200, body: GUIDE_HISTORY_3_3_COMPLETED }]);
    const result = await client().getTransHistory({ date_debut: '01-07-2015', date_fin: '05-07-2015', numeropage: '1', nbligne: '20' });
    const fields = decodeForm((await onlyRequest()).body);
    expect(fields.ok && fields.value).toEqual({
      apikey: APIKEY,
      cpm_site_id: SITE_ID,
      date_debut: '01-07-2015',
      date_fin: '05-07-2015',
      numeropage: '1',
      nbligne: '20',
    });
    expect(result.ok && result.value.map((transaction) => transaction.cpm_trans_id)).toEqual(['52422', '52552255555']);
  });
});

describe('getCompteStatus', () => {
  it('POSTs only the credentials and returns both balances of the Annexe II sample', async () => {
    await scriptStub([{ status: 200, body: GUIDE_BALANCE_ANNEXE_II }]);
    const result = await client().getCompteStatus();
    const fields = decodeForm((await onlyRequest()).body);
    expect(fields.ok && fields.value).toEqual({ apikey: APIKEY, cpm_site_id: SITE_ID });
    expect(result).toEqual({
      ok: true,
      value: { user: { compte: { solde: '865.4', credit: '900', debit: '34.6' }, service: { solde: '33.6', credit: '35', debit: '1.4' } } },
    });
  });
});
