/**
 * What the sandbox says about a payment created by CinetPay's 2026 API: the
 * status answer (`GET /v1/payment/{id}`) and the notification's fields, from
 * the same outcome table as v1 and v2. Only SUCCESS with code 100 is
 * CinetPay's documented pair; the other codes are the sandbox's own, so that
 * no client relies on them.
 */

import { API2026_SUCCESS, API2026_SUCCESS_CODE, type Api2026StatusAnswer } from '../../shared/cinetpay/api2026-wire';
import type { StoredTransaction } from './model';

/** Status and code for each state: an outcome's own word for a refusal. */
function statusOf(tx: StoredTransaction): { readonly status: string; readonly code: string } {
  switch (tx.state) {
    case 'ACCEPTED':
      return { status: API2026_SUCCESS, code: API2026_SUCCESS_CODE };
    case 'REFUSED':
      return tx.outcome === 'otp_error' ? { status: 'OTP_ERROR', code: '105' } : { status: 'INSUFFICIENT_BALANCE', code: '106' };
    case 'CANCELLED':
      return { status: 'CANCELLED', code: '103' };
    case 'PENDING':
      return { status: 'PENDING', code: '102' };
    case 'SIGNED':
    case 'OPEN':
      return { status: 'INITIATED', code: '101' };
  }
}

/** The status answer for a transaction the 2026 API created. */
export function api2026StatusAnswer(tx: StoredTransaction): Api2026StatusAnswer {
  const signed = tx.form?.signed ?? tx.lastSigned;
  return {
    ...statusOf(tx),
    merchant_transaction_id: tx.transId,
    transaction_id: tx.form?.providerId ?? '',
    payment_method: tx.paymentMethod,
    amount: Number(signed.cpm_amount),
    currency: signed.cpm_currency,
  };
}

/** The notification of a transaction's current state: the per-order token and both ids (and a status, which receivers must ignore). */
export function api2026NotificationFields(tx: StoredTransaction): Readonly<Record<string, string>> {
  return {
    notify_token: tx.form?.notifyToken ?? '',
    merchant_transaction_id: tx.transId,
    transaction_id: tx.form?.providerId ?? '',
    status: statusOf(tx).status,
  };
}
