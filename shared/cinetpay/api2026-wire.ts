/**
 * CinetPay's third API generation (2026, hosts `api.cinetpay.net` for tests
 * and `api.cinetpay.co` live), typed once for the Worker and the sandbox:
 * the OAuth login, the payment, its status, the balance, the notification
 * and the error answers. CinetPay's public documentation is thin; the shapes
 * follow CinetPay's own PHP SDK 3.0.1 (2026-08) and its JS SDK, which call it
 * "API v1" (a name our legacy v1 already has, hence "2026" here).
 *
 * Where the SDKs are silent the choices are the careful ones and are said
 * here: a `code` may arrive as a number or a string (both are read), any
 * status other than the ones listed is read as still pending, and an amount
 * in a status answer is compared only when present.
 */

import { err, ok, type Result } from '../result';

/** The two hosts, by environment; an `sk_test_` key works on the first only, an `sk_live_` key on the second. */
export const API2026_HOSTS = { test: 'https://api.cinetpay.net/', live: 'https://api.cinetpay.co/' } as const;
export type Api2026Environment = keyof typeof API2026_HOSTS;
export const API2026_KEY_PREFIX: Readonly<Record<Api2026Environment, string>> = { test: 'sk_test_', live: 'sk_live_' };

export const API2026_PATHS = { login: 'v1/oauth/login', payment: 'v1/payment', balances: 'v1/balances' } as const;

/** The status of one payment: `GET v1/payment/{merchant_transaction_id}`. */
export function api2026StatusPath(merchantTransactionId: string): string {
  return `${API2026_PATHS.payment}/${encodeURIComponent(merchantTransactionId)}`;
}

export const API2026_CURRENCIES = ['XOF', 'XAF', 'GNF', 'CDF'] as const;
export type Api2026Currency = (typeof API2026_CURRENCIES)[number];

export const MAX_MERCHANT_TRANSACTION_ID_LENGTH = 30;
/** `success_url`, `failed_url` and `notify_url` are each at most this long. */
export const MAX_API2026_URL_LENGTH = 120;

/** `POST v1/oauth/login`. */
export interface Api2026LoginRequest {
  readonly api_key: string;
  readonly api_password: string;
}

/** Success answer of the login. */
export interface Api2026LoginAnswer {
  readonly code: 200;
  readonly status: 'OK';
  readonly access_token: string;
  readonly token_type: 'bearer';
  /** Seconds. */
  readonly expires_in: number;
}

/** `POST v1/payment`, with `Authorization: Bearer <token>`. */
export interface Api2026PaymentRequest {
  readonly merchant_transaction_id: string;
  /** An integer > 0. */
  readonly amount: number;
  readonly currency: Api2026Currency;
  readonly success_url: string;
  readonly failed_url: string;
  readonly notify_url: string;
  readonly lang: 'fr' | 'en';
  readonly designation: string;
  readonly client_first_name: string;
  readonly client_last_name: string;
  readonly client_email: string;
  /** E.164, e.g. `+2250707000001`. */
  readonly client_phone_number?: string;
}

/** Success answer of the payment: where the customer pays, CinetPay's id, and the token the notifications will carry. */
export interface Api2026PaymentAnswer {
  readonly code: 200;
  readonly status: 'OK';
  readonly payment_url: string;
  readonly payment_token: string;
  readonly transaction_id: string;
  readonly notify_token: string;
}

/** The status values the SDK lists; only SUCCESS with code 100 is a payment. */
export const API2026_SUCCESS = 'SUCCESS';
export const API2026_SUCCESS_CODE = '100';
export const API2026_PENDING_STATUSES = ['INITIATED', 'PENDING'] as const;
export const API2026_CANCELLED_STATUSES = ['CANCELLED', 'CANCELED'] as const;
export const API2026_FAILED_STATUSES = ['FAILED', 'EXPIRED', 'INSUFFICIENT_BALANCE', 'OTP_ERROR', 'REFUSED'] as const;

/** Answer of the status call. `amount` and `currency` may be absent (the SDK shows none). */
export interface Api2026StatusAnswer {
  readonly code: string;
  readonly status: string;
  readonly merchant_transaction_id: string;
  readonly transaction_id: string;
  readonly payment_method: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
}

/** `GET v1/balances`. */
export interface Api2026BalanceAnswer {
  readonly available_balance: number;
  readonly currency: string;
}

/** What CinetPay POSTs to `notify_url`: nothing in it is trusted but the token, compared with the stored one. */
export interface Api2026Notification {
  readonly notify_token: string;
  readonly merchant_transaction_id: string;
  readonly transaction_id: string;
}

export const API2026_NOTIFICATION_FIELDS = ['notify_token', 'merchant_transaction_id', 'transaction_id'] as const;

/** The statuses an error answer carries that mean "log in again": the token is bad or old, whatever the HTTP status. */
export const API2026_TOKEN_STATUSES = ['INVALID_TOKEN', 'EXPIRED_TOKEN'] as const;

/** Every error answer: `{code, status, message}`, e.g. `{401, "EXPIRED_TOKEN"}`. */
export interface Api2026ErrorAnswer {
  readonly code: number;
  readonly status: string;
  readonly message: string;
}

/** Why an answer could not be used: CinetPay said no (its code and status), the token must be renewed, or the body is not the API's. */
export type Api2026AnswerError =
  | { readonly kind: 'token' }
  | { readonly kind: 'cinetpay'; readonly code: string; readonly status: string }
  | { readonly kind: 'unparseable'; readonly detail: string };

type Body = Readonly<Record<string, unknown>>;

function record(value: unknown): Body | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

/** The JSON object of a body; a `data` object, when present, is read as the answer's fields beside `code` and `status`. */
function json(body: string): Body | undefined {
  try {
    const parsed = record(JSON.parse(body.replace(/^\uFEFF/, '').trim()));
    const data = record(parsed?.['data']);
    return parsed && data ? { ...data, code: parsed['code'], status: parsed['status'] } : parsed;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function integer(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d+(\.0+)?$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null;
}

/** The refusal an answer carries, if any: a token status first, since it asks for a new login whatever the HTTP status. */
function refusal(body: Body | undefined, call: string): Api2026AnswerError {
  const status = text(body?.['status']);
  if (API2026_TOKEN_STATUSES.some((known) => known === status)) return { kind: 'token' };
  const code = text(body?.['code']);
  if (status !== undefined && code !== undefined && /^[A-Z_]+$/.test(status)) return { kind: 'cinetpay', code, status };
  return { kind: 'unparseable', detail: `${call}: the answer is not the API's JSON` };
}

/** True when a body asks for a new login (INVALID_TOKEN / EXPIRED_TOKEN), even under HTTP 200. */
export function asksForLogin(body: string): boolean {
  return refusal(json(body), '').kind === 'token';
}

export function parseApi2026Login(body: string): Result<{ readonly accessToken: string; readonly expiresInS: number }, Api2026AnswerError> {
  const answer = json(body);
  const accessToken = text(answer?.['access_token']);
  const expiresIn = integer(answer?.['expires_in']);
  if (accessToken && expiresIn !== null && expiresIn > 0) return ok({ accessToken, expiresInS: expiresIn });
  return err(refusal(answer, 'oauth/login'));
}

export function parseApi2026Payment(
  body: string,
): Result<{ readonly paymentUrl: string; readonly paymentToken: string; readonly transactionId: string; readonly notifyToken: string }, Api2026AnswerError> {
  const answer = json(body);
  const paymentUrl = text(answer?.['payment_url']);
  const paymentToken = text(answer?.['payment_token']);
  const transactionId = text(answer?.['transaction_id']);
  const notifyToken = text(answer?.['notify_token']);
  if (paymentUrl && paymentToken && transactionId && notifyToken) return ok({ paymentUrl, paymentToken, transactionId, notifyToken });
  return err(refusal(answer, 'payment'));
}

export function parseApi2026Status(body: string): Result<Api2026StatusAnswer, Api2026AnswerError> {
  const answer = json(body);
  const status = text(answer?.['status']);
  const code = text(answer?.['code']);
  const merchantTransactionId = text(answer?.['merchant_transaction_id']);
  const transactionId = text(answer?.['transaction_id']);
  if (!answer || !status || !code || !merchantTransactionId || !transactionId) return err(refusal(answer, 'payment status'));
  return ok({
    code,
    status,
    merchant_transaction_id: merchantTransactionId,
    transaction_id: transactionId,
    payment_method: text(answer['payment_method']) ?? null,
    amount: answer['amount'] === undefined || answer['amount'] === null ? null : (integer(answer['amount']) ?? Number.NaN),
    currency: text(answer['currency']) ?? null,
  });
}

export function parseApi2026Balance(body: string): Result<Api2026BalanceAnswer, Api2026AnswerError> {
  const answer = json(body);
  const available = integer(answer?.['available_balance']);
  const currency = text(answer?.['currency']);
  if (available !== null && currency) return ok({ available_balance: available, currency });
  return err(refusal(answer, 'balances'));
}
