/**
 * What the sandbox says about a checkout v2 transaction: the `payment/check`
 * answer (status ACCEPTED / REFUSED / WAITING_FOR_CUSTOMER / PENDING with
 * CinetPay's code, from the same outcome table as v1), the notification's
 * `cpm_*` fields (x-token-signer.ts signs them).
 */

import { formatTransDate } from '../../shared/cinetpay/dates';
import type { V2CheckAnswer, V2Notification } from '../../shared/cinetpay/v2-wire';
import type { StoredTransaction } from './model';
import { NOT_YET_PAID, outcomeVerdict } from './outcomes';

/** v2's word for each outcome's state: a refusal and a cancellation are both REFUSED (the code tells them apart). */
function v2Status(tx: StoredTransaction): string {
  switch (tx.state) {
    case 'ACCEPTED':
      return 'ACCEPTED';
    case 'REFUSED':
    case 'CANCELLED':
      return 'REFUSED';
    case 'PENDING':
      return 'WAITING_FOR_CUSTOMER';
    case 'SIGNED':
    case 'OPEN':
      return 'PENDING';
  }
}

/** The `payment/check` answer for a transaction created by v2. */
export function v2CheckAnswer(tx: StoredTransaction, apiResponseId: string): V2CheckAnswer {
  const signed = tx.form?.signed ?? tx.lastSigned;
  const verdict = tx.outcome === null ? NOT_YET_PAID : outcomeVerdict(tx.outcome);
  return {
    code: verdict.code,
    message: verdict.code === '00' ? 'SUCCES' : verdict.message,
    api_response_id: apiResponseId,
    data: {
      amount: signed.cpm_amount,
      currency: signed.cpm_currency,
      status: v2Status(tx),
      payment_method: tx.paymentMethod ?? '',
      description: signed.cpm_designation,
      metadata: signed.cpm_custom === '' ? null : signed.cpm_custom,
      operator_id: tx.payid === '' ? null : tx.payid,
      payment_date: tx.resolvedAt === null ? '' : formatTransDate(new Date(tx.resolvedAt)),
    },
  };
}

/** The v2 notification of a transaction's current state, in the x-token's field order. */
export function v2NotificationFields(tx: StoredTransaction): V2Notification {
  const signed = tx.form?.signed ?? tx.lastSigned;
  const verdict = tx.outcome === null ? NOT_YET_PAID : outcomeVerdict(tx.outcome);
  return {
    cpm_site_id: signed.cpm_site_id,
    cpm_trans_id: tx.transId,
    cpm_trans_date: signed.cpm_trans_date,
    cpm_amount: signed.cpm_amount,
    cpm_currency: signed.cpm_currency,
    signature: tx.form?.signature ?? tx.lastSignature,
    payment_method: tx.paymentMethod ?? '',
    cel_phone_num: tx.buyerPhone,
    cpm_phone_prefixe: tx.buyerPrefix,
    cpm_language: signed.cpm_language,
    cpm_version: signed.cpm_version,
    cpm_payment_config: signed.cpm_payment_config,
    cpm_page_action: signed.cpm_page_action,
    cpm_custom: signed.cpm_custom,
    cpm_designation: signed.cpm_designation,
    cpm_error_message: verdict.message,
  };
}
