import { describe, expect, it } from 'vitest';
import { parseStatusAnswer } from '../../shared/cinetpay/cinetpay-responses';
import { formatStatusDate } from '../../shared/cinetpay/dates';
import { TRANSACTION_FIELDS } from '../../shared/cinetpay/wire';
import { APIKEY, api, control, expectOnlyStrings, GUIDE_STATUS_KEYS, MERCHANT, openPayment, order, press, SITE_ID, sign, status } from './support';

/** checkPayStatus, expecting a record: checks the raw JSON and parses it with the shared parser. */
async function record(transId: string): Promise<Record<string, string>> {
  const answer = await status(transId);
  expect(answer.status).toBe(200);
  expectOnlyStrings(answer.json);
  const parsed = parseStatusAnswer(answer.text);
  expect(parsed.ok, answer.text).toBe(true);
  const json = answer.json as { transaction: Record<string, string> };
  expect(Object.keys(json.transaction)).toEqual(GUIDE_STATUS_KEYS);
  return json.transaction;
}

describe('POST /v1/?method=checkPayStatus', () => {
  it("answers the guide's record for a paid transaction: 00 SUCCES ACCEPTED, every field of the sample, every value a string", async () => {
    const opened = await openPayment({ cpm_trans_date: '2017-09-04 14:00:45', cpm_amount: '11', cpm_custom: '08373459U', cpm_designation: 'Test' });
    expect((await press(opened.request.cpm_trans_id, 'success-om')).status).toBe(200);
    const tx = await record(opened.request.cpm_trans_id);
    expect(tx).toMatchObject({
      cpm_site_id: SITE_ID,
      signature: opened.signature,
      cpm_amount: '11',
      cpm_trans_date: '04092017140045',
      cpm_trans_id: opened.request.cpm_trans_id,
      cpm_custom: '08373459U',
      cpm_currency: 'CFA',
      cpm_error_message: 'SUCCES',
      payment_method: 'OM',
      cpm_phone_prefixe: '225',
      cpm_result: '00',
      cpm_trans_status: 'ACCEPTED',
      cpm_designation: 'Test',
      buyer_name: '',
    });
    expect(tx['cpm_payid']).toMatch(/^MP\d{6}\.\d{4}\.[A-Z]\d{5}$/);
    expect(tx['cpm_payment_date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tx['cpm_payment_time']).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(tx['created_at']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(tx['updated_at']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(tx['cel_phone_num']).toMatch(/^07\d{8}$/);
    // No notify_url in this form: nothing was acknowledged.
    expect(tx['cpm_ipn_ack']).toBe('N');
    for (const field of TRANSACTION_FIELDS) expect(tx).toHaveProperty(field);
  });

  it('answers 607 PENDING for a signed transaction whose form never reached the page', async () => {
    const request = order();
    const signature = await sign(request);
    const tx = await record(request.cpm_trans_id);
    expect(tx).toMatchObject({ cpm_result: '607', cpm_error_message: 'PENDING', cpm_trans_status: 'PENDING', signature, cpm_payid: '', payment_method: '' });
  });

  it('answers 607 PENDING once the page is shown and no button was pressed', async () => {
    const opened = await openPayment();
    expect(await record(opened.request.cpm_trans_id)).toMatchObject({ cpm_result: '607', cpm_trans_status: 'PENDING' });
  });

  it("rewrites the PHP SDK's compact cpm_trans_date as ddmmyyyyHHMMSS", async () => {
    const opened = await openPayment({ cpm_trans_date: '20170409154522' });
    expect((await record(opened.request.cpm_trans_id))['cpm_trans_date']).toBe(formatStatusDate(new Date(Date.UTC(2017, 3, 9, 15, 45, 22))));
  });

  it.each([
    ['success-momo', '00', 'SUCCES', 'ACCEPTED', 'MOMO'],
    ['success-flooz', '00', 'SUCCES', 'ACCEPTED', 'FLOOZ'],
    ['otp-error', '604', 'OTP_CODE_ERROR', 'REFUSED', 'OM'],
    ['insufficient-balance', '602', 'INSUFFICIENT_BALANCE', 'REFUSED', 'OM'],
    ['pending', '623', 'WAITING_CUSTOMER_TO_VALIDATE', 'PENDING', 'OM'],
    ['cancel', '627', 'TRANSACTION_CANCEL', 'REFUSED', ''],
  ])('after the button %s: cpm_result %s %s, %s, payment_method "%s"', async (choice, code, message, transStatus, method) => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, choice);
    const tx = await record(opened.request.cpm_trans_id);
    expect(tx).toMatchObject({ cpm_result: code, cpm_error_message: message, cpm_trans_status: transStatus, payment_method: method });
    expect(tx['cpm_payid'] === '').toBe(code !== '00');
  });

  it("reports the merchant's locked number, not a test number", async () => {
    const opened = await openPayment({ cel_phone_num: '01020304', cpm_phone_prefix: '225' });
    await press(opened.request.cpm_trans_id, 'success-momo');
    expect(await record(opened.request.cpm_trans_id)).toMatchObject({ cel_phone_num: '01020304', cpm_phone_prefixe: '225' });
  });

  it('turns cpm_ipn_ack to Y once a notification got a 2xx', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/ok` });
    await press(opened.request.cpm_trans_id, 'success-om');
    expect((await record(opened.request.cpm_trans_id))['cpm_ipn_ack']).toBe('Y');
  });

  it('keeps cpm_ipn_ack at N while the notify URL fails', async () => {
    const opened = await openPayment({}, { notify_url: `${MERCHANT}/always-500` });
    await press(opened.request.cpm_trans_id, 'success-om');
    expect((await record(opened.request.cpm_trans_id))['cpm_ipn_ack']).toBe('N');
  });

  it('reports a pending payment resolved later by the control API', async () => {
    const opened = await openPayment();
    await press(opened.request.cpm_trans_id, 'pending');
    expect((await record(opened.request.cpm_trans_id))['cpm_result']).toBe('623');
    await control(`/__sandbox/transactions/${opened.request.cpm_trans_id}/outcome`, 'POST', { outcome: 'success', paymentMethod: 'FLOOZ' });
    expect(await record(opened.request.cpm_trans_id)).toMatchObject({ cpm_result: '00', payment_method: 'FLOOZ', cpm_trans_status: 'ACCEPTED' });
  });

  it('answers 624 UNKNOWN_ERROR for a trans id the sandbox never signed', async () => {
    const answer = await status('424242424242');
    expect(answer.json).toEqual({ status: { code: '624', message: 'UNKNOWN_ERROR' } });
    expect(parseStatusAnswer(answer.text)).toEqual({ ok: false, error: { kind: 'cinetpay', code: '624', message: 'UNKNOWN_ERROR' } });
  });

  it.each([
    ['apikey', '608', 'MINIMUM_REQUIRED_FIELDS'],
    ['cpm_site_id', '608', 'MINIMUM_REQUIRED_FIELDS'],
    ['cpm_trans_id', '608', 'MINIMUM_REQUIRED_FIELDS'],
  ])('answers %s missing with %s', async (field, code, message) => {
    const fields: Record<string, string> = { apikey: APIKEY, cpm_site_id: SITE_ID, cpm_trans_id: '1' };
    delete fields[field];
    expect((await api('checkPayStatus', fields)).json).toEqual({ status: { code, message } });
  });

  it('answers 609 for a wrong apikey and 613 for another site id, even for a known transaction', async () => {
    const request = order();
    await sign(request);
    expect((await api('checkPayStatus', { apikey: 'nope', cpm_site_id: SITE_ID, cpm_trans_id: request.cpm_trans_id })).json).toEqual({
      status: { code: '609', message: 'AUTH_NOT_FOUND' },
    });
    expect((await api('checkPayStatus', { apikey: APIKEY, cpm_site_id: '296911', cpm_trans_id: request.cpm_trans_id })).json).toEqual({
      status: { code: '613', message: 'ERROR_SITE_ID_NOTVALID' },
    });
  });
});
