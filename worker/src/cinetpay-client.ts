/**
 * The CinetPay API v1 client: the four methods of the guide, POSTed
 * form-urlencoded to `{base}?method=NAME`, each with a timeout, a typed result
 * and a typed error. Errors never carry the apikey, the request body or the
 * raw answer: only what a log line or an error response may show.
 */

import { type Answer, parseBalanceAnswer, parseHistoryAnswer, parseSignatureAnswer, parseStatusAnswer } from '../../shared/cinetpay/cinetpay-responses';
import { encodeForm } from '../../shared/cinetpay/form-encoding';
import type { ApiMethod, BalanceResponse, HistoryFilters, SignatureRequest, TransactionRecord } from '../../shared/cinetpay/wire';
import { err, type Result } from '../../shared/result';

/** Why a call failed. `cinetpay` is an Annexe I refusal; the others are transport faults. */
export type ClientError =
  | { readonly kind: 'cinetpay'; readonly method: ApiMethod; readonly code: string; readonly message: string }
  | { readonly kind: 'http'; readonly method: ApiMethod; readonly status: number }
  | { readonly kind: 'timeout'; readonly method: ApiMethod; readonly timeoutMs: number }
  | { readonly kind: 'network'; readonly method: ApiMethod }
  | { readonly kind: 'unparseable'; readonly method: ApiMethod; readonly detail: string };

export type ClientResult<T> = Result<T, ClientError>;

export interface ClientOptions {
  /** `https://api.cinetpay.com/v1/` in production. */
  readonly baseUrl: string;
  readonly apikey: string;
  readonly siteId: string;
  readonly timeoutMs: number;
}

/** The signature request without the credentials, which the client adds. */
export type SignatureFields = Omit<SignatureRequest, 'apikey' | 'cpm_site_id'>;

/** A one-line description of a client error for logs and developer messages; it holds no secret. */
export function describeClientError(error: ClientError): string {
  switch (error.kind) {
    case 'cinetpay':
      return `${error.method}: CinetPay answered ${error.code} ${error.message}`;
    case 'http':
      return `${error.method}: CinetPay answered HTTP ${error.status}`;
    case 'timeout':
      return `${error.method}: no answer from CinetPay within ${error.timeoutMs} ms`;
    case 'network':
      return `${error.method}: CinetPay could not be reached`;
    case 'unparseable':
      return `${error.method}: ${error.detail}`;
  }
}

export class CinetpayClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  /** `getSignatureByPost`: the signature of exactly these fields. */
  getSignature(fields: SignatureFields): Promise<ClientResult<string>> {
    const { apikey, siteId } = this.#options;
    return this.#call('getSignatureByPost', { ...fields, cpm_site_id: siteId, apikey }, parseSignatureAnswer);
  }

  /** `checkPayStatus`: the transaction as CinetPay knows it; the only thing a verdict may rest on. */
  checkPayStatus(transId: string): Promise<ClientResult<TransactionRecord>> {
    const { apikey, siteId } = this.#options;
    return this.#call('checkPayStatus', { apikey, cpm_site_id: siteId, cpm_trans_id: transId }, parseStatusAnswer);
  }

  /** `getTransHistory`: the shop's transactions, filtered as guide 3.3 allows. */
  async getTransHistory(filters: HistoryFilters): Promise<ClientResult<readonly TransactionRecord[]>> {
    const { apikey, siteId } = this.#options;
    const answer = await this.#call('getTransHistory', { apikey, cpm_site_id: siteId, ...filters }, parseHistoryAnswer);
    return answer.ok ? { ok: true, value: answer.value.Transactions.transaction } : answer;
  }

  /** `getCompteStatus`: the merchant's balances. */
  getCompteStatus(): Promise<ClientResult<BalanceResponse>> {
    const { apikey, siteId } = this.#options;
    return this.#call('getCompteStatus', { apikey, cpm_site_id: siteId }, parseBalanceAnswer);
  }

  async #call<T>(method: ApiMethod, fields: Readonly<Record<string, string | undefined>>, parse: (body: string) => Answer<T>): Promise<ClientResult<T>> {
    const url = new URL(this.#options.baseUrl);
    url.searchParams.set('method', method);
    const timeoutMs = this.#options.timeoutMs;
    let body: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: encodeForm(fields),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.text();
      if (!response.ok) return err({ kind: 'http', method, status: response.status });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return err(timedOut ? { kind: 'timeout', method, timeoutMs } : { kind: 'network', method });
    }
    const answer = parse(body);
    if (answer.ok) return answer;
    return err({ ...answer.error, method });
  }
}
