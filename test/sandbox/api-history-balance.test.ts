import { beforeEach, describe, expect, it } from 'vitest';
import { parseBalanceAnswer, parseHistoryAnswer } from '../../shared/cinetpay/cinetpay-responses';
import { formatHistoryDate } from '../../shared/cinetpay/dates';
import { APIKEY, api, control, expectOnlyStrings, GUIDE_STATUS_KEYS, openPayment, order, press, SITE_ID, sign } from './support';

const DAY_MS = 86_400_000;

async function history(filters: Readonly<Record<string, string>> = {}): Promise<Record<string, string>[]> {
  const answer = await api('getTransHistory', { apikey: APIKEY, cpm_site_id: SITE_ID, ...filters });
  expect(answer.status).toBe(200);
  expectOnlyStrings(answer.json);
  const parsed = parseHistoryAnswer(answer.text);
  expect(parsed.ok, answer.text).toBe(true);
  const json = answer.json as { Transactions: { transaction: Record<string, string>[] } };
  expect(Array.isArray(json.Transactions.transaction)).toBe(true);
  return json.Transactions.transaction;
}

async function balance(): Promise<unknown> {
  const answer = await api('getCompteStatus', { apikey: APIKEY, cpm_site_id: SITE_ID });
  expect(answer.status).toBe(200);
  expectOnlyStrings(answer.json);
  expect(parseBalanceAnswer(answer.text).ok, answer.text).toBe(true);
  return answer.json;
}

beforeEach(async () => {
  expect((await control('/__sandbox/reset', 'POST')).status).toBe(200);
});

describe('POST /v1/?method=getTransHistory', () => {
  /** Three payments: a success (MoMo, locked phone), an OTP error, a cancel; plus one only signed. */
  async function threePayments(): Promise<{ paid: string; otp: string; cancelled: string; signedOnly: string; phone: string }> {
    const phone = '06477877';
    const paid = await openPayment({ cel_phone_num: phone, cpm_phone_prefix: '225', cpm_amount: '25000' });
    await press(paid.request.cpm_trans_id, 'success-momo');
    const otp = await openPayment({ cpm_amount: '250' });
    await press(otp.request.cpm_trans_id, 'otp-error');
    const cancelled = await openPayment();
    await press(cancelled.request.cpm_trans_id, 'cancel');
    const signedOnly = order();
    await sign(signedOnly);
    return {
      paid: paid.request.cpm_trans_id,
      otp: otp.request.cpm_trans_id,
      cancelled: cancelled.request.cpm_trans_id,
      signedOnly: signedOnly.cpm_trans_id,
      phone,
    };
  }

  it('answers {"Transactions":{"transaction":[]}} when there is none', async () => {
    const answer = await api('getTransHistory', { apikey: APIKEY, cpm_site_id: SITE_ID });
    expect(answer.json).toEqual({ Transactions: { transaction: [] } });
  });

  it("lists every transaction that reached the page, newest first, with the guide's row fields (no cpm_trans_date)", async () => {
    const ids = await threePayments();
    const rows = await history();
    expect(rows.map((row) => row['cpm_trans_id'])).toEqual([ids.cancelled, ids.otp, ids.paid]);
    for (const row of rows) expect(Object.keys(row)).toEqual(GUIDE_STATUS_KEYS.filter((key) => key !== 'cpm_trans_date'));
    expect(rows[1]).toMatchObject({ cpm_result: '604', cpm_error_message: 'OTP_CODE_ERROR', cpm_trans_status: 'REFUSED', cpm_payid: '', cpm_amount: '250' });
    expect(rows[2]).toMatchObject({ cpm_result: '00', payment_method: 'MOMO', cpm_amount: '25000' });
  });

  it('filters by cpm_trans_id, cpm_payid and cel_phone_num (exact matches)', async () => {
    const ids = await threePayments();
    expect((await history({ cpm_trans_id: ids.otp })).map((row) => row['cpm_trans_id'])).toEqual([ids.otp]);
    const paid = (await history({ cpm_trans_id: ids.paid }))[0];
    expect(paid?.['cpm_payid']).toMatch(/^MP/);
    expect((await history({ cpm_payid: paid?.['cpm_payid'] ?? '' })).map((row) => row['cpm_trans_id'])).toEqual([ids.paid]);
    expect((await history({ cel_phone_num: ids.phone })).map((row) => row['cpm_trans_id'])).toEqual([ids.paid]);
    expect(await history({ cpm_trans_id: '000' })).toEqual([]);
  });

  it('filters by date_debut and date_fin (jj-mm-aaaa, inclusive)', async () => {
    await threePayments();
    const today = formatHistoryDate(new Date());
    const yesterday = formatHistoryDate(new Date(Date.now() - DAY_MS));
    const tomorrow = formatHistoryDate(new Date(Date.now() + DAY_MS));
    expect(await history({ date_debut: today, date_fin: today })).toHaveLength(3);
    expect(await history({ date_debut: yesterday })).toHaveLength(3);
    expect(await history({ date_fin: yesterday })).toHaveLength(0);
    expect(await history({ date_debut: tomorrow })).toHaveLength(0);
  });

  it('pages with numeropage and nbligne', async () => {
    const ids = await threePayments();
    expect((await history({ nbligne: '2' })).map((row) => row['cpm_trans_id'])).toEqual([ids.cancelled, ids.otp]);
    expect((await history({ nbligne: '2', numeropage: '1' })).map((row) => row['cpm_trans_id'])).toEqual([ids.cancelled, ids.otp]);
    expect((await history({ nbligne: '2', numeropage: '2' })).map((row) => row['cpm_trans_id'])).toEqual([ids.paid]);
    expect(await history({ nbligne: '2', numeropage: '3' })).toEqual([]);
  });

  it('answers 614 for a date that is not jj-mm-aaaa', async () => {
    expect((await api('getTransHistory', { apikey: APIKEY, cpm_site_id: SITE_ID, date_debut: '2024-01-31' })).json).toEqual({
      status: { code: '614', message: 'ERROR_FORMAT_TRANSACTION_DATE' },
    });
  });

  it('answers 608 without the apikey, 609 for a wrong one, 613 for another site', async () => {
    expect((await api('getTransHistory', { cpm_site_id: SITE_ID })).json).toEqual({ status: { code: '608', message: 'MINIMUM_REQUIRED_FIELDS' } });
    expect((await api('getTransHistory', { apikey: 'x', cpm_site_id: SITE_ID })).json).toEqual({ status: { code: '609', message: 'AUTH_NOT_FOUND' } });
    expect((await api('getTransHistory', { apikey: APIKEY, cpm_site_id: '1' })).json).toEqual({ status: { code: '613', message: 'ERROR_SITE_ID_NOTVALID' } });
  });
});

describe('POST /v1/?method=getCompteStatus', () => {
  it('starts at zero', async () => {
    const zero = { solde: '0', credit: '0', debit: '0' };
    expect(await balance()).toEqual({ user: { compte: zero, service: zero } });
  });

  it('credits accepted payments only, minus the 3.5 % fee, as decimal strings', async () => {
    const first = await openPayment({ cpm_amount: '900' });
    await press(first.request.cpm_trans_id, 'success-om');
    const refused = await openPayment({ cpm_amount: '100000' });
    await press(refused.request.cpm_trans_id, 'insufficient-balance');
    const pending = await openPayment({ cpm_amount: '70000' });
    await press(pending.request.cpm_trans_id, 'pending');
    const second = await openPayment({ cpm_amount: '35' });
    await press(second.request.cpm_trans_id, 'success-flooz');
    // 935 credited; 3.5 % of 935 = 32.725.
    const expected = { solde: '902.275', credit: '935', debit: '32.725' };
    expect(await balance()).toEqual({ user: { compte: expected, service: expected } });
  });

  it('answers 608, 609, 613 like the other methods', async () => {
    expect((await api('getCompteStatus', { apikey: APIKEY })).json).toEqual({ status: { code: '608', message: 'MINIMUM_REQUIRED_FIELDS' } });
    expect((await api('getCompteStatus', { apikey: 'x', cpm_site_id: SITE_ID })).json).toEqual({ status: { code: '609', message: 'AUTH_NOT_FOUND' } });
    expect((await api('getCompteStatus', { apikey: APIKEY, cpm_site_id: '296911' })).json).toEqual({
      status: { code: '613', message: 'ERROR_SITE_ID_NOTVALID' },
    });
  });
});
