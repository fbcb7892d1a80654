/**
 * The merchant's balances for `getCompteStatus`. Every accepted payment
 * credits its amount and debits CinetPay's fee, 3.5 %, so the numbers are
 * fractional like the guide's (`"865.4"`). The sandbox merchant has a single
 * service, so the account (`compte`) and the service show the same figures.
 * Arithmetic is done in thousandths of a franc, exactly.
 */

import type { Balance, BalanceResponse } from '../../shared/cinetpay/wire';

/** CinetPay's fee on each accepted payment, in thousandths of the amount (35 ‰ = 3.5 %). */
export const FEE_PER_MILLE = 35;

/** `865400` thousandths -> `"865.4"`; `900000` -> `"900"`. */
export function formatThousandths(value: number): string {
  const whole = Math.floor(value / 1000);
  const fraction = String(value % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** Credit, fee and balance of the accepted payments' amounts (whole francs). */
export function balanceOf(acceptedAmounts: readonly number[]): Balance {
  const credit = acceptedAmounts.reduce((sum, amount) => sum + amount * 1000, 0);
  const debit = acceptedAmounts.reduce((sum, amount) => sum + amount * FEE_PER_MILLE, 0);
  return { solde: formatThousandths(credit - debit), credit: formatThousandths(credit), debit: formatThousandths(debit) };
}

/** The `getCompteStatus` answer. */
export function balanceResponse(acceptedAmounts: readonly number[]): BalanceResponse {
  const balance = balanceOf(acceptedAmounts);
  return { user: { compte: balance, service: balance } };
}
