/**
 * What the order logic needs from a payment service, and nothing more: start
 * a payment (a form for the browser to post) and verify a transaction (a
 * verdict). CinetPay v1 is the one implementation today; its later API
 * generations can sit beside it without the widget or the Order object
 * changing.
 */

import type { Result } from '../../shared/result';
import type { Currency, Language, PaymentForm } from '../../shared/wire';
import type { ClientError } from './cinetpay-client';

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
  | { readonly kind: 'paid'; readonly code: string; readonly paymentMethod: string; readonly payId: string }
  | { readonly kind: 'pending'; readonly code: string }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'cancelled'; readonly code: string }
  | { readonly kind: 'mismatch'; readonly code: string; readonly reason: MismatchReason };

export type ProviderError = ClientError;

export interface PaymentProvider {
  startPayment(request: PaymentRequest): Promise<Result<StartedPayment, ProviderError>>;
  verify(expected: ExpectedPayment): Promise<Result<Verdict, ProviderError>>;
}
