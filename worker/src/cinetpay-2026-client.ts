/**
 * The client of CinetPay's 2026 API: OAuth login, `POST v1/payment`,
 * `GET v1/payment/{id}` and `GET v1/balances`, JSON both ways, each call with
 * a timeout. Every call but the login sends the cached bearer token
 * (cinetpay-2026-token.ts); when CinetPay answers HTTP 401, or a status
 * INVALID_TOKEN / EXPIRED_TOKEN even under HTTP 200, the token is dropped,
 * the client logs in again once and retries the call once. Failures are the
 * provider's neutral kinds and never carry the key, the password, the token,
 * a request body or a raw answer.
 */

import {
  API2026_PATHS,
  type Api2026AnswerError,
  type Api2026BalanceAnswer,
  type Api2026LoginRequest,
  type Api2026PaymentRequest,
  type Api2026StatusAnswer,
  api2026StatusPath,
  asksForLogin,
  parseApi2026Balance,
  parseApi2026Login,
  parseApi2026Payment,
  parseApi2026Status,
} from '../../shared/cinetpay/api2026-wire';
import { err, ok, type Result } from '../../shared/result';
import { accessToken, credentialsKey, dropToken, type Login } from './cinetpay-2026-token';
import { logEvent } from './log-event';
import type { ProviderError, ProviderResult } from './payment-provider';

export interface Api2026ClientOptions {
  /** `https://api.cinetpay.net/` (tests) or `https://api.cinetpay.co/` (live). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiPassword: string;
  readonly timeoutMs: number;
}

export interface Api2026Payment {
  readonly paymentUrl: string;
  readonly paymentToken: string;
  readonly transactionId: string;
  readonly notifyToken: string;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

function failure(call: string, error: Api2026AnswerError, status: number): ProviderError {
  switch (error.kind) {
    case 'cinetpay':
      return { kind: 'refused', code: error.code, message: error.status, detail: `${call}: CinetPay answered ${error.code} ${error.status}` };
    case 'token':
      return { kind: 'unavailable', detail: `${call}: CinetPay refused a fresh access token` };
    case 'unparseable':
      return status >= 200 && status <= 299
        ? { kind: 'unparseable', detail: error.detail }
        : { kind: 'unavailable', detail: `${call}: CinetPay answered HTTP ${status}` };
  }
}

function read<T>(call: string, answer: Answer, parse: (text: string) => Result<T, Api2026AnswerError>): ProviderResult<T> {
  const parsed = parse(answer.text);
  if (parsed.ok && answer.status >= 200 && answer.status <= 299) return ok(parsed.value);
  return err(failure(call, parsed.ok ? { kind: 'unparseable', detail: `${call}: HTTP ${answer.status}` } : parsed.error, answer.status));
}

export class Cinetpay2026Client {
  readonly #options: Api2026ClientOptions;

  constructor(options: Api2026ClientOptions) {
    this.#options = options;
  }

  payment(request: Api2026PaymentRequest): Promise<ProviderResult<Api2026Payment>> {
    return this.#authorized('payment', 'POST', API2026_PATHS.payment, request, parseApi2026Payment);
  }

  /** The payment as CinetPay knows it: the only thing a 2026 verdict may rest on. */
  status(merchantTransactionId: string): Promise<ProviderResult<Api2026StatusAnswer>> {
    return this.#authorized('payment status', 'GET', api2026StatusPath(merchantTransactionId), undefined, parseApi2026Status);
  }

  balances(): Promise<ProviderResult<Api2026BalanceAnswer>> {
    return this.#authorized('balances', 'GET', API2026_PATHS.balances, undefined, parseApi2026Balance);
  }

  async #login(): Promise<ProviderResult<Login>> {
    const { apiKey, apiPassword } = this.#options;
    const body: Api2026LoginRequest = { api_key: apiKey, api_password: apiPassword };
    const answer = await this.#fetch('oauth/login', 'POST', API2026_PATHS.login, body, undefined);
    if (!answer.ok) return answer;
    const login = read('oauth/login', answer.value, parseApi2026Login);
    if (login.ok || login.error.kind === 'refused') return login;
    // A refused login is a configuration fault, not CinetPay being down: say so plainly (never with the key).
    return answer.value.status === 401 || answer.value.status === 403 || asksForLogin(answer.value.text)
      ? err({
          kind: 'refused',
          code: String(answer.value.status),
          message: 'LOGIN_REFUSED',
          detail: 'oauth/login: CinetPay refused the api_key / api_password',
        })
      : login;
  }

  async #authorized<T>(
    call: string,
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    parse: (text: string) => Result<T, Api2026AnswerError>,
  ): Promise<ProviderResult<T>> {
    const { baseUrl, apiKey, apiPassword } = this.#options;
    const key = await credentialsKey(baseUrl, apiKey, apiPassword);
    for (let attempt = 1; ; attempt++) {
      const token = await accessToken(key, () => this.#login());
      if (!token.ok) return token;
      const answer = await this.#fetch(call, method, path, body, token.value);
      if (!answer.ok) return answer;
      const stale = answer.value.status === 401 || asksForLogin(answer.value.text);
      if (!stale) return read(call, answer.value, parse);
      dropToken(key, token.value);
      // One new login and one retry: a token refused twice in a row is not a stale token.
      if (attempt === 2) return err({ kind: 'unavailable', detail: `${call}: CinetPay refused a fresh access token` });
      logEvent('access_token_refused', { call, detail: 'expired or revoked; logging in again' });
    }
  }

  async #fetch(call: string, method: 'GET' | 'POST', path: string, body: object | undefined, token: string | undefined): Promise<ProviderResult<Answer>> {
    const timeoutMs = this.#options.timeoutMs;
    try {
      const response = await fetch(new URL(path, this.#options.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return ok({ status: response.status, text: await response.text() });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return err(
        timedOut
          ? { kind: 'timeout', detail: `${call}: no answer from CinetPay within ${timeoutMs} ms` }
          : { kind: 'unavailable', detail: `${call}: CinetPay could not be reached` },
      );
    }
  }
}
