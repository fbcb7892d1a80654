/**
 * What the order logic needs from a payment service, and nothing more: start
 * a payment (where to send the customer), verify a transaction (a verdict),
 * and the merchant's account reads for /admin. Failures are the provider's
 * own neutral kinds, so that no route or object outside a provider module
 * knows which CinetPay API generation answered.
 */

import type { BalanceResponse, Currency, HistoryFilters, Language, PaymentForm, TransactionRecord } from '../../shared/cinetpay/wire';
import type { Result } from '../../shared/result';

export interface PaymentRequest {
  readonly transId: string;
  readonly createdAt: Date;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
  readonly custom: string;
  readonly lang: Language;
  readonly phone: { readonly number: string; readonly prefix: string } | null;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
}

/** A payment ready for the customer: where to post, what to post, and the proof to keep. */
export interface StartedPayment {
  readonly action: string;
  readonly fields: PaymentForm;
  /** Stored with the order: a later verification must report the same one. */
  readonly signature: string;
}

/** What the order expects the payment service to confirm. */
export interface ExpectedPayment {
  readonly transId: string;
  readonly amount: number;
  readonly signature: string;
}

/** Why a verification did not confirm a payment that the service reports as paid. */
export type MismatchReason = 'AMOUNT_MISMATCH' | 'SIGNATURE_MISMATCH' | 'SITE_MISMATCH' | 'TRANS_ID_MISMATCH';

/** The service's word on one transaction, already checked against what the order expects. */
export type Verdict =
  | { readonly kind: 'paid'; readonly code: string; readonly paymentMethod: string; readonly payId: string; readonly payerPhone: string | null }
  | { readonly kind: 'pending'; readonly code: string }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'cancelled'; readonly code: string }
  | { readonly kind: 'mismatch'; readonly code: string; readonly reason: MismatchReason };

/**
 * Why a call to the payment service gave no answer to act on. `refused` is
 * the service's own error code (an Annexe I code for v1); the others are
 * transport faults. `detail` is one log-safe line: no credential, no body.
 */
export type ProviderError =
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string }
  | { readonly kind: 'unparseable'; readonly detail: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string; readonly detail: string };

export type ProviderResult<T> = Result<T, ProviderError>;

export interface PaymentProvider {
  startPayment(request: PaymentRequest): Promise<ProviderResult<StartedPayment>>;
  verify(expected: ExpectedPayment): Promise<ProviderResult<Verdict>>;
  /** The merchant's balances. */
  balance(): Promise<ProviderResult<BalanceResponse>>;
  /** The merchant's transactions, filtered as the service allows. */
  transactions(filters: HistoryFilters): Promise<ProviderResult<readonly TransactionRecord[]>>;
}
