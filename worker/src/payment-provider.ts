/**
 * What the order logic needs from a payment service, and nothing more: start
 * a payment (where to send the customer), verify a transaction (a verdict),
 * and the merchant's account reads for /admin. Failures are the provider's
 * own neutral kinds, so that no route or object outside a provider module
 * knows which CinetPay API generation answered. Three generations exist
 * (`ApiGeneration`); each order keeps the one it was created with.
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
  /** The payer, which the 2026 API requires (v1 and v2 do not ask); `null` when the widget gave none. */
  readonly customer: Customer | null;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
}

export interface Customer {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

/** CinetPay's API generations: v1 (signature + hosted form POST), checkout v2 (JSON, a `payment_url`) and 2026 (OAuth, a `payment_url`, a per-order notify token). */
export const API_GENERATIONS = ['v1', 'v2', '2026'] as const;
export type ApiGeneration = (typeof API_GENERATIONS)[number];

/**
 * How the customer's browser reaches the payment page: v1 posts a form (the
 * fields include the apikey, as v1 demands); v2 navigates to a URL that
 * carries nothing secret.
 */
export type Navigation =
  | { readonly method: 'POST'; readonly action: string; readonly fields: PaymentForm }
  | { readonly method: 'GET'; readonly action: string };

/** A payment ready for the customer: how to send them there, and the proof to keep. */
export interface StartedPayment {
  readonly navigation: Navigation;
  /** Stored with the order: v1's signature, which a later verification must report again; v2's payment token, kept as evidence; 2026's CinetPay transaction id, which the status must name. */
  readonly signature: string;
  /** 2026 only: the token CinetPay's notifications for this order carry; kept with the order, never shown. */
  readonly notifyToken?: string;
}

/** What the order expects the payment service to confirm. */
export interface ExpectedPayment {
  readonly transId: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly signature: string;
}

/** Why a verification did not confirm a payment that the service reports as paid. */
export type MismatchReason = 'AMOUNT_MISMATCH' | 'CURRENCY_MISMATCH' | 'SIGNATURE_MISMATCH' | 'SITE_MISMATCH' | 'TRANS_ID_MISMATCH';

/** The service's word on one transaction, already checked against what the order expects. */
export type Verdict =
  | { readonly kind: 'paid'; readonly code: string; readonly paymentMethod: string; readonly payId: string; readonly payerPhone: string | null }
  | { readonly kind: 'pending'; readonly code: string }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'cancelled'; readonly code: string }
  | { readonly kind: 'mismatch'; readonly code: string; readonly reason: MismatchReason };

/**
 * Why a call to the payment service gave no answer to act on. `refused` is
 * the service's own error code (an Annexe I code for v1, CinetPay's code for
 * v2); `unsupported` a call the generation lacks; the others are transport
 * faults. `detail` is one log-safe line: no credential, no body.
 */
export type ProviderError =
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string }
  | { readonly kind: 'unparseable'; readonly detail: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string; readonly detail: string }
  /** The generation has no such call (v2 has no transaction history and no balance). */
  | { readonly kind: 'unsupported'; readonly detail: string };

export type ProviderResult<T> = Result<T, ProviderError>;

export interface PaymentProvider {
  startPayment(request: PaymentRequest): Promise<ProviderResult<StartedPayment>>;
  verify(expected: ExpectedPayment): Promise<ProviderResult<Verdict>>;
  /** The merchant's balances. */
  balance(): Promise<ProviderResult<BalanceResponse>>;
  /** The merchant's transactions, filtered as the service allows. */
  transactions(filters: HistoryFilters): Promise<ProviderResult<readonly TransactionRecord[]>>;
}
