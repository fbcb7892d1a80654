/**
 * CinetPay's checkout API v2, typed once for the Worker and the sandbox: the
 * JSON bodies of `POST {base}payment` and `POST {base}payment/check`, their
 * answers and error answers, the notification's `cpm_*` fields and the exact
 * order in which the `x-token` header covers them. Unlike v1, the apikey
 * never leaves the server: the payment answer holds a `payment_url` the
 * browser navigates to, and nothing else.
 *
 * Where CinetPay's public documentation is silent, the choices are the
 * careful ones and are said here: an amount may arrive as a number or a
 * string (both are read), every `data.status` other than ACCEPTED and
 * REFUSED is a pending state, and a refusal with code 627 is a cancellation.
 */

import { err, ok, type Result } from '../result';
import { decodeHtmlEntities } from './html-entities';

/** The currencies v2 takes. Our catalog's `CFA` is sent as `XOF` (franc CFA BCEAO). */
export const V2_CURRENCIES = ['XOF', 'XAF', 'CDF', 'GNF', 'USD'] as const;
export type V2Currency = (typeof V2_CURRENCIES)[number];

export const V2_CHANNELS = ['ALL', 'MOBILE_MONEY', 'CREDIT_CARD', 'WALLET'] as const;
export type V2Channel = (typeof V2_CHANNELS)[number];

/** Characters v2 refuses in a description. */
export const V2_DESCRIPTION_FORBIDDEN = /[#/$_&]/;

/** `POST {base}payment`. */
export interface V2PaymentRequest {
  readonly apikey: string;
  readonly site_id: string;
  readonly transaction_id: string;
  /** An integer, multiple of 5. */
  readonly amount: number;
  readonly currency: V2Currency;
  readonly description: string;
  readonly notify_url: string;
  readonly return_url: string;
  readonly channels: V2Channel;
  readonly lang: 'fr' | 'en';
  readonly metadata?: string;
  readonly lock_phone_number?: boolean;
  /** With the country code, e.g. `+2250707000001`; locked when `lock_phone_number` is true. */
  readonly customer_phone_number?: string;
}

/** Success answer of `POST {base}payment`: HTTP 200, code `201`. */
export interface V2PaymentCreated {
  readonly code: '201';
  readonly message: 'CREATED';
  readonly description: string;
  readonly data: { readonly payment_token: string; readonly payment_url: string };
  readonly api_response_id: string;
}

/** `POST {base}payment/check`. */
export interface V2CheckRequest {
  readonly apikey: string;
  readonly site_id: string;
  readonly transaction_id: string;
}

/** `data.status` values v2 documents; any other is read as pending. */
export const V2_STATUSES = ['ACCEPTED', 'REFUSED', 'WAITING_FOR_CUSTOMER', 'PENDING'] as const;

/** The transaction as `payment/check` reports it. */
export interface V2CheckData {
  readonly amount: string;
  readonly currency: string;
  readonly status: string;
  readonly payment_method: string;
  readonly description: string;
  readonly metadata: string | null;
  readonly operator_id: string | null;
  readonly payment_date: string;
}

/** Success answer of `POST {base}payment/check`: `code` says the outcome (`00` paid, `600` refused, `627` cancelled, `662` waiting). */
export interface V2CheckAnswer {
  readonly code: string;
  readonly message: string;
  readonly data: V2CheckData;
  readonly api_response_id: string;
}

/** Every error v2 answers: one of CinetPay's codes (`608`, `609`, `613`, `624`, ...), its name, a description. */
export interface V2ErrorAnswer {
  readonly code: string;
  readonly message: string;
  readonly description: string;
  readonly api_response_id: string;
}

/** The notification's fields in the order the `x-token` HMAC covers them (CinetPay's documentation). */
export const X_TOKEN_FIELDS = [
  'cpm_site_id',
  'cpm_trans_id',
  'cpm_trans_date',
  'cpm_amount',
  'cpm_currency',
  'signature',
  'payment_method',
  'cel_phone_num',
  'cpm_phone_prefixe',
  'cpm_language',
  'cpm_version',
  'cpm_payment_config',
  'cpm_page_action',
  'cpm_custom',
  'cpm_designation',
  'cpm_error_message',
] as const;
export type XTokenField = (typeof X_TOKEN_FIELDS)[number];

/** What CinetPay POSTs (form-urlencoded) to `notify_url` under v2, with an `x-token` header. Never trusted beyond the trans id and the site. */
export type V2Notification = Readonly<Record<XTokenField, string>>;

/** The header that carries the notification's HMAC. */
export const X_TOKEN_HEADER = 'x-token';

/** The text the `x-token` HMAC covers: the values concatenated in X_TOKEN_FIELDS order, an absent field as `""`. */
export function xTokenMessage(fields: Readonly<Record<string, string | undefined>>): string {
  return X_TOKEN_FIELDS.map((name) => fields[name] ?? '').join('');
}

/** True when the fields are a v2 notification: every field the `x-token` covers is present. */
export function isV2Notification(fields: Readonly<Record<string, string | undefined>>): boolean {
  return X_TOKEN_FIELDS.every((name) => fields[name] !== undefined);
}

/** Why a v2 answer could not be used: CinetPay said no (its code and name), or the body is not what v2 documents. */
export type V2AnswerError =
  | { readonly kind: 'cinetpay'; readonly code: string; readonly message: string }
  | { readonly kind: 'unparseable'; readonly detail: string };

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function json(body: string): Readonly<Record<string, unknown>> | undefined {
  try {
    return record(JSON.parse(body.replace(/^\uFEFF/, '').trim()));
  } catch {
    return undefined;
  }
}

/** A string, or a number read as its decimal text; `undefined` for anything else. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return decodeHtmlEntities(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function refusal(body: Readonly<Record<string, unknown>>): V2AnswerError | undefined {
  const code = text(body['code']);
  const message = text(body['message']);
  return code !== undefined && /^\d{2,4}$/.test(code) && message !== undefined ? { kind: 'cinetpay', code, message } : undefined;
}

/** `POST {base}payment`'s answer: the token and the URL, or CinetPay's refusal. */
export function parseV2PaymentAnswer(body: string): Result<{ readonly paymentToken: string; readonly paymentUrl: string }, V2AnswerError> {
  const answer = json(body);
  if (!answer) return err({ kind: 'unparseable', detail: 'payment: the answer is not a JSON object' });
  const data = record(answer['data']);
  const paymentToken = text(data?.['payment_token']);
  const paymentUrl = text(data?.['payment_url']);
  if (text(answer['code']) === '201' && paymentToken && paymentUrl) return ok({ paymentToken, paymentUrl });
  return err(refusal(answer) ?? { kind: 'unparseable', detail: 'payment: no code 201 with data.payment_token and data.payment_url' });
}

/** `POST {base}payment/check`'s answer: the transaction, or CinetPay's refusal (an unknown transaction, bad credentials). */
export function parseV2CheckAnswer(body: string): Result<V2CheckAnswer, V2AnswerError> {
  const answer = json(body);
  if (!answer) return err({ kind: 'unparseable', detail: 'payment/check: the answer is not a JSON object' });
  const data = record(answer['data']);
  const code = text(answer['code']);
  const message = text(answer['message']) ?? '';
  const amount = text(data?.['amount']);
  const currency = text(data?.['currency']);
  const status = text(data?.['status']);
  if (!data || code === undefined || amount === undefined || currency === undefined || status === undefined) {
    return err(refusal(answer) ?? { kind: 'unparseable', detail: 'payment/check: no data with amount, currency and status' });
  }
  const optional = (name: string): string | null => text(data[name]) ?? null;
  return ok({
    code,
    message,
    api_response_id: text(answer['api_response_id']) ?? '',
    data: {
      amount,
      currency,
      status,
      payment_method: optional('payment_method') ?? '',
      description: optional('description') ?? '',
      metadata: optional('metadata'),
      operator_id: optional('operator_id'),
      payment_date: optional('payment_date') ?? '',
    },
  });
}
