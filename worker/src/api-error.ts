/**
 * Every error the Worker answers, as a value: a stable code, a developer
 * message, and the HTTP status, decided here and nowhere else (`reply.ts`
 * turns it into `{"error":{"code","message"}}`). Messages never hold a
 * secret, a stack trace or a raw upstream body; the widget localizes by
 * `code`.
 */

import { type ApiErrorCode, type CinetpayErrorCode, cinetpayErrorCode } from '../../shared/api/contract';
import type { VerifyFailure } from './order-object';
import type { ProviderError } from './payment-provider';

export interface ApiError {
  readonly status: number;
  readonly code: ApiErrorCode | CinetpayErrorCode;
  readonly message: string;
}

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  MISSING_FIELD: 400,
  INVALID_AMOUNT: 400,
  AMOUNT_TOO_LOW: 400,
  AMOUNT_TOO_HIGH: 400,
  INVALID_CURRENCY: 400,
  INVALID_SITE_ID: 400,
  INVALID_TRANS_ID: 400,
  INVALID_TRANS_DATE: 400,
  INVALID_LANGUAGE: 400,
  INVALID_DESIGNATION: 400,
  INVALID_CUSTOM: 400,
  INVALID_PHONE: 400,
  INVALID_PHONE_PREFIX: 400,
  INVALID_RETURN_MODE: 400,
  INVALID_JSON: 400,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  UNKNOWN_FIELD: 400,
  UNKNOWN_PRODUCT: 400,
  AMOUNT_NOT_ALLOWED: 400,
  OPEN_AMOUNT_DISABLED: 400,
  AMOUNT_OUT_OF_BOUNDS: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  NOTHING_TO_RESEND: 409,
  DOWNLOAD_TOKEN_INVALID: 403,
  ORDER_NOT_PAID: 409,
  DOWNLOAD_EXPIRED: 410,
  DOWNLOAD_LIMIT_REACHED: 429,
  FILE_UNAVAILABLE: 503,
  METHOD_NOT_ALLOWED: 405,
  FORBIDDEN_ORIGIN: 403,
  FOREIGN_SITE_ID: 403,
  UNAUTHORIZED: 401,
  INVALID_X_TOKEN: 401,
  INVALID_NOTIFY_TOKEN: 401,
  INVALID_CUSTOMER: 400,
  NOT_SUPPORTED_BY_API: 501,
  RATE_LIMITED: 429,
  CONFIGURATION_ERROR: 503,
  UPSTREAM_TIMEOUT: 502,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_UNPARSEABLE: 502,
  INTERNAL_ERROR: 500,
  NETWORK_ERROR: 502,
};

/** One of our own errors, with the status the table gives its code. */
export function apiError(code: ApiErrorCode, message: string): ApiError {
  return { status: STATUS[code], code, message };
}

/**
 * A payment-service failure. During a `request` (checkout, admin reads) the
 * answer could not be had: 502, and the caller retries. During a
 * `verification` the order was left undecided: 503, which makes CinetPay
 * replay its notification.
 */
export function providerFailure(error: ProviderError, during: 'request' | 'verification'): ApiError {
  const status = during === 'request' ? 502 : 503;
  const message = error.detail;
  switch (error.kind) {
    case 'refused':
      return { status, code: cinetpayErrorCode(error.code, error.message), message };
    case 'timeout':
      return { status, code: 'UPSTREAM_TIMEOUT', message };
    case 'unavailable':
      return { status, code: 'UPSTREAM_UNAVAILABLE', message };
    case 'unparseable':
      return { status, code: 'UPSTREAM_UNPARSEABLE', message };
    case 'unsupported':
      return apiError('NOT_SUPPORTED_BY_API', message);
  }
}

/** Why an order could not be verified, as the routes that verify (notify, admin re-check) answer it. */
export function verifyFailure(failure: VerifyFailure): ApiError {
  switch (failure.kind) {
    case 'not_found':
      return apiError('ORDER_NOT_FOUND', 'No order has this transaction id');
    case 'configuration':
      return apiError('CONFIGURATION_ERROR', 'The Worker is misconfigured; see /healthz');
    case 'unauthorized':
      return failure.proof === 'x-token'
        ? apiError('INVALID_X_TOKEN', 'The x-token header is missing or is not the HMAC of this notification under the secret key')
        : apiError('INVALID_NOTIFY_TOKEN', "The notify_token is missing or is not this order's");
    case 'upstream':
      return providerFailure(failure.error, 'verification');
  }
}
