/**
 * Our own HTTP API between the widget and the Worker: request and answer
 * bodies of `/api/*`, the order statuses, and the one error shape with its
 * stable codes. CinetPay's codes are carried through as
 * `CINETPAY_<code>_<MESSAGE>` (e.g. `CINETPAY_609_AUTH_NOT_FOUND`).
 */

import type { Currency, Language, PaymentForm } from '../cinetpay/wire';

/** `POST /api/checkout`: a catalog product, or an open amount when the merchant allows it. */
export interface CheckoutRequest {
  readonly product?: string;
  readonly amount?: number;
  readonly designation?: string;
  readonly lang?: Language;
  readonly custom?: string;
  /** Locks the payer's number (guide 2.2); goes with `phonePrefix`. */
  readonly phone?: string;
  readonly phonePrefix?: string;
  /** The payer, which CinetPay's 2026 API requires (all three); optional under v1 and v2. */
  readonly customerFirstName?: string;
  readonly customerLastName?: string;
  readonly customerEmail?: string;
}

/**
 * How the widget leaves for the payment page, as a full-page navigation:
 * CinetPay v1 posts `fields` to `action`; checkout v2 navigates to `action`
 * (its `payment_url`) with nothing else.
 */
export type CheckoutResponse =
  | { readonly transId: string; readonly method: 'POST'; readonly action: string; readonly fields: PaymentForm }
  | { readonly transId: string; readonly method: 'GET'; readonly action: string };

/** The v1 answer: a form to post. */
export type FormCheckoutResponse = Extract<CheckoutResponse, { readonly method: 'POST' }>;

/** `GET /api/products` */
export interface PublicProduct {
  readonly id: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
}

export interface ProductsResponse {
  readonly products: readonly PublicProduct[];
  /** True when a checkout needs the payer's first name, last name and email (CinetPay's 2026 API), so that a shop knows to ask. */
  readonly customerRequired: boolean;
  /** Present when the merchant accepts open amounts (donations). */
  readonly openAmount?: PublicOpenAmount;
}

/** The bounds of an open amount, the label its designation starts with, and the designations a donor may choose, if limited. */
export interface PublicOpenAmount {
  readonly min: number;
  readonly max: number;
  readonly label: string;
  readonly designations?: readonly string[];
}

/** The order state machine: PENDING -> ACCEPTED | REFUSED | CANCELLED; ACCEPTED is final. */
export const ORDER_STATUSES = ['PENDING', 'ACCEPTED', 'REFUSED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return ORDER_STATUSES.some((status) => status === value);
}

/** `GET /api/orders/:transId`: what a thank-you page may show. No phone, no signature, no custom field. */
export interface PublicOrder {
  readonly transId: string;
  readonly status: OrderStatus;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
  /** The customer's language at checkout, so that return pages can speak it. */
  readonly lang: Language;
  /** ISO 8601, once ACCEPTED. */
  readonly paidAt: string | null;
  /** `OM`, `MOMO`, `FLOOZ`, ... once known. */
  readonly paymentMethod: string | null;
  /** The last Annexe I code CinetPay reported for this order, if any. */
  readonly resultCode: string | null;
  /** The signed link to the product's file (digital delivery): present only once ACCEPTED, for a product with a file, until the link expires. */
  readonly downloadUrl?: string;
}

/** What the return page tells the customer about an order, in the language the request asked for. */
export interface OrderMessage {
  /** `Paiement confirmé` */
  readonly title: string;
  /** The explanation under it; a refusal starts with CinetPay's reason. */
  readonly detail: string;
  /** `Référence : 20261129...` */
  readonly reference: string;
}

/** The answer of `GET /api/orders/:transId`: the order and its words for the customer. */
export interface PublicOrderAnswer extends PublicOrder {
  readonly message: OrderMessage;
}

/** Stable machine codes of our own errors. */
export const API_ERROR_CODES = [
  'MISSING_FIELD',
  'INVALID_AMOUNT',
  'AMOUNT_TOO_LOW',
  'AMOUNT_TOO_HIGH',
  'INVALID_CURRENCY',
  'INVALID_SITE_ID',
  'INVALID_TRANS_ID',
  'INVALID_TRANS_DATE',
  'INVALID_LANGUAGE',
  'INVALID_DESIGNATION',
  'INVALID_CUSTOM',
  'INVALID_PHONE',
  'INVALID_PHONE_PREFIX',
  'INVALID_RETURN_MODE',
  'INVALID_JSON',
  'INVALID_BODY',
  'INVALID_QUERY',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_FIELD',
  'UNKNOWN_PRODUCT',
  'AMOUNT_NOT_ALLOWED',
  'OPEN_AMOUNT_DISABLED',
  'AMOUNT_OUT_OF_BOUNDS',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'ORDER_NOT_FOUND',
  'NOTHING_TO_RESEND',
  'DOWNLOAD_TOKEN_INVALID',
  'ORDER_NOT_PAID',
  'DOWNLOAD_EXPIRED',
  'DOWNLOAD_LIMIT_REACHED',
  'FILE_UNAVAILABLE',
  'FORBIDDEN_ORIGIN',
  'FOREIGN_SITE_ID',
  'UNAUTHORIZED',
  'INVALID_X_TOKEN',
  'INVALID_NOTIFY_TOKEN',
  'INVALID_CUSTOMER',
  'NOT_SUPPORTED_BY_API',
  'RATE_LIMITED',
  'CONFIGURATION_ERROR',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_UNPARSEABLE',
  'INTERNAL_ERROR',
  'NETWORK_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** A CinetPay refusal carried through: `CINETPAY_609_AUTH_NOT_FOUND`. */
export type CinetpayErrorCode = `CINETPAY_${string}`;

/**
 * Every error the Worker answers. `message` is English, for developers;
 * `customerMessage` is what a customer may read, in the language the
 * request's `Accept-Language` asked for (French by default).
 */
export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode | CinetpayErrorCode; readonly message: string; readonly customerMessage: string };
}

/** `CINETPAY_609_AUTH_NOT_FOUND` from `609` and `AUTH_NOT_FOUND`. */
export function cinetpayErrorCode(code: string, message: string): CinetpayErrorCode {
  const safe = message.replace(/[^A-Z0-9_]/gi, '').toUpperCase();
  return `CINETPAY_${code.replace(/\D/g, '')}${safe ? `_${safe}` : ''}`;
}
