/**
 * Turns a stored transaction into the record `checkPayStatus` and
 * `getTransHistory` answer, in the guide's field order, every value a string:
 * `cpm_trans_date` is the merchant's own date re-written as `ddmmyyyyHHMMSS`,
 * `created_at` / `updated_at` are `YYYY-MM-DD HH:MM:SS` (UTC), and the result
 * follows the outcome (607 PENDING while no outcome was chosen).
 */

import { formatStatusDate, formatTransDate } from '../../shared/cinetpay/dates';
import type { TransactionRecord } from '../../shared/cinetpay/wire';
import type { StoredTransaction, TransactionView } from './model';
import { NOT_YET_PAID, outcomeVerdict } from './outcomes';
import { parseCinetpayTransDate } from './payment-fields';

function dateTime(ms: number): string {
  return formatTransDate(new Date(ms));
}

/** The record `checkPayStatus` answers, with `cpm_trans_date`. */
export function statusRecord(tx: StoredTransaction): TransactionRecord {
  const signed = tx.form?.signed ?? tx.lastSigned;
  const verdict = tx.outcome === null ? NOT_YET_PAID : outcomeVerdict(tx.outcome);
  const transDate = parseCinetpayTransDate(signed.cpm_trans_date);
  const [paymentDate = '', paymentTime = ''] = tx.resolvedAt === null ? [] : dateTime(tx.resolvedAt).split(' ');
  return {
    cpm_site_id: signed.cpm_site_id,
    signature: tx.form?.signature ?? tx.lastSignature,
    cpm_amount: signed.cpm_amount,
    cpm_trans_date: transDate ? formatStatusDate(transDate) : '',
    cpm_trans_id: tx.transId,
    cpm_custom: signed.cpm_custom,
    cpm_currency: signed.cpm_currency,
    cpm_payid: tx.payid,
    cpm_payment_date: paymentDate,
    cpm_payment_time: paymentTime,
    cpm_error_message: verdict.message,
    payment_method: tx.paymentMethod ?? '',
    cpm_phone_prefixe: tx.buyerPrefix,
    cel_phone_num: tx.buyerPhone,
    cpm_ipn_ack: tx.ipnAck ? 'Y' : 'N',
    created_at: dateTime(tx.createdAt),
    updated_at: dateTime(tx.updatedAt),
    cpm_result: verdict.code,
    cpm_trans_status: verdict.transStatus,
    cpm_designation: signed.cpm_designation,
    buyer_name: '',
  };
}

/** A `getTransHistory` row: the same record without `cpm_trans_date`, as in the guide's sample. */
export function historyRecord(tx: StoredTransaction): TransactionRecord {
  const { cpm_trans_date: _omitted, ...row } = statusRecord(tx);
  return row;
}

/** `MP170904.1401.A91088`: `MP`, the payment's UTC date `yymmdd` and time `HHMM`, a letter and five digits. */
export function newPayId(at: number): string {
  const stamp = dateTime(at);
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  const letter = String.fromCharCode(65 + ((random[0] ?? 0) % 26));
  const digits = String((random[1] ?? 0) % 100_000).padStart(5, '0');
  return `MP${stamp.slice(2, 4)}${stamp.slice(5, 7)}${stamp.slice(8, 10)}.${stamp.slice(11, 13)}${stamp.slice(14, 16)}.${letter}${digits}`;
}

/** The control API's view of a transaction: its state, its current `checkPayStatus` record, the form's URLs. */
export function transactionView(tx: StoredTransaction): TransactionView {
  return {
    transId: tx.transId,
    state: tx.state,
    outcome: tx.outcome,
    record: statusRecord(tx),
    signedFields: tx.form?.signed ?? tx.lastSigned,
    notifyUrl: tx.form?.notifyUrl ?? null,
    returnUrl: tx.form?.returnUrl ?? null,
    cancelUrl: tx.form?.cancelUrl ?? null,
    returnMode: tx.form?.returnMode ?? null,
    events: tx.events.map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
  };
}
