/**
 * The outcomes a sandbox payment can end in, and what each one makes the
 * sandbox report: the Annexe I code, the `cpm_trans_status`, the internal
 * state. The hosted page offers them as buttons; the control API takes the
 * same outcomes by name. This table is the one place that decides which code
 * an outcome produces.
 */

import { responseCode } from '../../shared/cinetpay/response-codes';

export const OUTCOMES = ['success', 'otp_error', 'insufficient_balance', 'pending', 'cancel'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The mobile-money operators of the guide's Côte d'Ivoire: Orange Money, MTN Mobile Money, Moov Money (Flooz). */
export const PAYMENT_METHODS = ['OM', 'MOMO', 'FLOOZ'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * Where a transaction stands in the sandbox:
 * - `SIGNED`: a signature was issued, the form never reached the hosted page;
 * - `OPEN`: the hosted page was shown, no outcome yet;
 * - `PENDING`: the customer is still validating on their phone (623);
 * - `ACCEPTED`, `REFUSED`, `CANCELLED`: an outcome was chosen.
 */
export const TRANSACTION_STATES = ['SIGNED', 'OPEN', 'PENDING', 'ACCEPTED', 'REFUSED', 'CANCELLED'] as const;
export type TransactionState = (typeof TRANSACTION_STATES)[number];

/** What `checkPayStatus` says about a transaction in a given state. */
export interface Verdict {
  /** Annexe I code, reported as `cpm_result`. */
  readonly code: string;
  /** Annexe I message, reported as `cpm_error_message`. */
  readonly message: string;
  /** `cpm_trans_status`: the guide shows ACCEPTED and REFUSED; PENDING is the sandbox's word for "not finished". */
  readonly transStatus: 'ACCEPTED' | 'REFUSED' | 'PENDING';
}

function verdict(code: string, transStatus: Verdict['transStatus']): Verdict {
  return { code, message: responseCode(code)?.message ?? 'UNKNOWN_ERROR', transStatus };
}

/** The state an outcome moves a transaction to. */
export function stateAfter(outcome: Outcome): TransactionState {
  switch (outcome) {
    case 'success':
      return 'ACCEPTED';
    case 'otp_error':
      return 'REFUSED';
    case 'insufficient_balance':
      return 'REFUSED';
    case 'pending':
      return 'PENDING';
    case 'cancel':
      return 'CANCELLED';
  }
}

/** The verdict of an outcome: 00, 604, 602, 623 or 627. */
export function outcomeVerdict(outcome: Outcome): Verdict {
  switch (outcome) {
    case 'success':
      return verdict('00', 'ACCEPTED');
    case 'otp_error':
      return verdict('604', 'REFUSED');
    case 'insufficient_balance':
      return verdict('602', 'REFUSED');
    case 'pending':
      return verdict('623', 'PENDING');
    case 'cancel':
      return verdict('627', 'REFUSED');
  }
}

/** A transaction with no outcome yet (signed, or shown on the page) is 607 PENDING. */
export const NOT_YET_PAID: Verdict = verdict('607', 'PENDING');

/** Finished transactions: posting their form again is 620 ERROR_DOUBLE_PAYEMNT. */
export function isFinished(state: TransactionState): boolean {
  return state === 'ACCEPTED' || state === 'REFUSED' || state === 'CANCELLED';
}

/**
 * One button of the hosted page: its stable `data-outcome` id (what browser
 * tests click and what the button posts), the outcome, and the operator.
 */
export interface PageChoice {
  readonly id: string;
  readonly outcome: Outcome;
  readonly method: PaymentMethod | null;
}

/** Failures are simulated on Orange Money, the most common wallet; a cancel never reached an operator. */
export const PAGE_CHOICES: readonly PageChoice[] = [
  { id: 'success-om', outcome: 'success', method: 'OM' },
  { id: 'success-momo', outcome: 'success', method: 'MOMO' },
  { id: 'success-flooz', outcome: 'success', method: 'FLOOZ' },
  { id: 'otp-error', outcome: 'otp_error', method: 'OM' },
  { id: 'insufficient-balance', outcome: 'insufficient_balance', method: 'OM' },
  { id: 'pending', outcome: 'pending', method: 'OM' },
  { id: 'cancel', outcome: 'cancel', method: null },
];

/** The operator an outcome is reported with when the caller did not name one. */
export function defaultMethod(outcome: Outcome): PaymentMethod | null {
  return outcome === 'cancel' ? null : 'OM';
}

/**
 * The number a customer "types" on the page when the merchant did not lock
 * one: a test number of the operator (Côte d'Ivoire numbering: Orange 07,
 * MTN 05, Moov 01).
 */
export function demoPhone(method: PaymentMethod): { readonly prefix: string; readonly number: string } {
  switch (method) {
    case 'OM':
      return { prefix: '225', number: '0700000001' };
    case 'MOMO':
      return { prefix: '225', number: '0500000001' };
    case 'FLOOZ':
      return { prefix: '225', number: '0100000001' };
  }
}
