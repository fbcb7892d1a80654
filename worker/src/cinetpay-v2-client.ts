/**
 * The CinetPay checkout API v2 client: `POST {base}payment` and
 * `POST {base}payment/check`, JSON both ways, each with a timeout. v2 answers
 * its refusals with an HTTP error status and a JSON body carrying CinetPay's
 * code, so a refusal is read whatever the status; only a body that is not
 * v2's counts as an HTTP fault. Failures are the provider's neutral kinds and
 * never carry the apikey, the request body or the raw answer.
 */

import { parseV2CheckAnswer, parseV2PaymentAnswer, type V2AnswerError, type V2CheckAnswer, type V2PaymentRequest } from '../../shared/cinetpay/v2-wire';
import { err, ok, type Result } from '../../shared/result';
import type { ProviderError, ProviderResult } from './payment-provider';

export interface V2ClientOptions {
  /** `https://api-checkout.cinetpay.com/v2/` in production. */
  readonly baseUrl: string;
  readonly apikey: string;
  readonly siteId: string;
  readonly timeoutMs: number;
}

/** The payment request without the credentials, which the client adds. */
export type V2PaymentFields = Omit<V2PaymentRequest, 'apikey' | 'site_id'>;

type Call = 'payment' | 'payment/check';

function failure(call: Call, error: V2AnswerError, status: number): ProviderError {
  if (error.kind === 'cinetpay')
    return { kind: 'refused', code: error.code, message: error.message, detail: `${call}: CinetPay answered ${error.code} ${error.message}` };
  return status >= 200 && status <= 299
    ? { kind: 'unparseable', detail: error.detail }
    : { kind: 'unavailable', detail: `${call}: CinetPay answered HTTP ${status}` };
}

export class CinetpayV2Client {
  readonly #options: V2ClientOptions;

  constructor(options: V2ClientOptions) {
    this.#options = options;
  }

  /** `payment`: where the customer pays, and the token CinetPay gave the payment. */
  payment(fields: V2PaymentFields): Promise<ProviderResult<{ readonly paymentToken: string; readonly paymentUrl: string }>> {
    const { apikey, siteId } = this.#options;
    const body: V2PaymentRequest = { apikey, site_id: siteId, ...fields };
    return this.#call('payment', body, parseV2PaymentAnswer);
  }

  /** `payment/check`: the transaction as CinetPay knows it; the only thing a v2 verdict may rest on. */
  check(transId: string): Promise<ProviderResult<V2CheckAnswer>> {
    const { apikey, siteId } = this.#options;
    return this.#call('payment/check', { apikey, site_id: siteId, transaction_id: transId }, parseV2CheckAnswer);
  }

  async #call<T>(call: Call, body: object, parse: (text: string) => Result<T, V2AnswerError>): Promise<ProviderResult<T>> {
    const timeoutMs = this.#options.timeoutMs;
    let status: number;
    let text: string;
    try {
      const response = await fetch(new URL(call, this.#options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return err(
        timedOut
          ? { kind: 'timeout', detail: `${call}: no answer from CinetPay within ${timeoutMs} ms` }
          : { kind: 'unavailable', detail: `${call}: CinetPay could not be reached` },
      );
    }
    const answer = parse(text);
    if (answer.ok && status >= 200 && status <= 299) return ok(answer.value);
    return err(failure(call, answer.ok ? { kind: 'unparseable', detail: `${call}: HTTP ${status}` } : answer.error, status));
  }
}
