/**
 * Every error the Worker answers, in one shape — `{"error":{"code","message"}}`
 * — with its HTTP status decided here and nowhere else. Messages are for
 * developers and never hold a secret, a stack trace or a raw upstream body;
 * the widget localizes by `code`.
 */

import { type ApiErrorBody, type ApiErrorCode, type CinetpayErrorCode, cinetpayErrorCode } from '../../shared/checkout-api';
import { type ClientError, describeClientError } from './cinetpay-client';

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
  METHOD_NOT_ALLOWED: 405,
  FORBIDDEN_ORIGIN: 403,
  FOREIGN_SITE_ID: 403,
  UNAUTHORIZED: 401,
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
 * A CinetPay failure seen by a route: 502 where the answer simply could not
 * be had (checkout, admin reads: the caller retries), 503 where a
 * verification was left undecided (the order is unchanged, and a 503 makes
 * CinetPay replay its notification).
 */
export function upstreamError(error: ClientError, status: 502 | 503): ApiError {
  const message = describeClientError(error);
  switch (error.kind) {
    case 'cinetpay':
      return { status, code: cinetpayErrorCode(error.code, error.message), message };
    case 'timeout':
      return { status, code: 'UPSTREAM_TIMEOUT', message };
    case 'http':
    case 'network':
      return { status, code: 'UPSTREAM_UNAVAILABLE', message };
    case 'unparseable':
      return { status, code: 'UPSTREAM_UNPARSEABLE', message };
  }
}

/** The wire answer for an error; `headers` carries CORS or `Allow` where the route needs them. */
export function errorResponse(error: ApiError, headers: HeadersInit = {}): Response {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
  const response = Response.json(body, { status: error.status, headers });
  response.headers.set('cache-control', 'no-store');
  return response;
}
