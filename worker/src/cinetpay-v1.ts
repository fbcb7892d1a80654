/**
 * CinetPay API v1 behind the `PaymentProvider` interface: the signature
 * request and payment form of guide 2.2, and the verification of guide 3.2 —
 * paid only if `cpm_result` is `00`, the amount equals the stored amount and
 * the signature equals the stored signature (and the site and transaction are
 * ours).
 */

import { formatTransDate } from '../../shared/cinetpay/dates';
import { codeCategory, responseCode, SUCCESS_CODE } from '../../shared/cinetpay/response-codes';
import { parseWireAmount } from '../../shared/cinetpay/validate';
import {
  API_VERSION,
  type BalanceResponse,
  type HistoryFilters,
  PAGE_ACTION,
  PAYMENT_CONFIG,
  type PaymentForm,
  type TransactionRecord,
} from '../../shared/cinetpay/wire';
import { err, ok } from '../../shared/result';
import { CinetpayClient, type ClientError, type ClientResult, describeClientError, type SignatureFields } from './cinetpay-client';
import type { Config } from './config';
import type { ExpectedPayment, PaymentProvider, PaymentRequest, ProviderError, ProviderResult, StartedPayment, Verdict } from './payment-provider';

/** The customer's browser posts the form back to our Worker in every return mode; POST keeps the fields out of URLs and logs. */
const RETURN_MODE = 'POST';
const CANCELLED_CODE = '627';

export function signatureFields(request: PaymentRequest): SignatureFields {
  return {
    cpm_amount: String(request.amount),
    cpm_currency: request.currency,
    cpm_trans_id: request.transId,
    cpm_trans_date: formatTransDate(request.createdAt),
    cpm_payment_config: PAYMENT_CONFIG,
    cpm_page_action: PAGE_ACTION,
    cpm_version: API_VERSION,
    cpm_language: request.lang,
    cpm_designation: request.designation,
    cpm_custom: request.custom,
    ...(request.phone ? { cel_phone_num: request.phone.number, cpm_phone_prefix: request.phone.prefix } : {}),
  };
}

/** Judges a `checkPayStatus` record against the order; the record is trusted, the notification never is. */
export function judge(record: TransactionRecord, expected: ExpectedPayment, siteId: string): Verdict {
  const code = record.cpm_result;
  if (code === SUCCESS_CODE) {
    const amount = parseWireAmount(record.cpm_amount.replace(/\.0+$/, ''));
    if (record.cpm_site_id !== siteId) return { kind: 'mismatch', code, reason: 'SITE_MISMATCH' };
    if (record.cpm_trans_id !== expected.transId) return { kind: 'mismatch', code, reason: 'TRANS_ID_MISMATCH' };
    if (!amount.ok || amount.value !== expected.amount) return { kind: 'mismatch', code, reason: 'AMOUNT_MISMATCH' };
    if (record.signature !== expected.signature) return { kind: 'mismatch', code, reason: 'SIGNATURE_MISMATCH' };
    return { kind: 'paid', code, paymentMethod: record.payment_method, payId: record.cpm_payid, payerPhone: record.cel_phone_num || null };
  }
  if (code === CANCELLED_CODE) return { kind: 'cancelled', code };
  // A code Annexe I does not list proves nothing either way: the order waits for a later check.
  if (!responseCode(code)) return { kind: 'pending', code };
  return codeCategory(code) === 'pending' ? { kind: 'pending', code } : { kind: 'refused', code };
}

/** The client's failure in the provider's neutral terms. */
export function providerError(error: ClientError): ProviderError {
  const detail = describeClientError(error);
  switch (error.kind) {
    case 'cinetpay':
      return { kind: 'refused', code: error.code, message: error.message, detail };
    case 'timeout':
      return { kind: 'timeout', detail };
    case 'http':
    case 'network':
      return { kind: 'unavailable', detail };
    case 'unparseable':
      return { kind: 'unparseable', detail };
  }
}

function neutral<T>(result: ClientResult<T>): ProviderResult<T> {
  return result.ok ? result : err(providerError(result.error));
}

export class CinetpayV1 implements PaymentProvider {
  readonly #client: CinetpayClient;
  readonly #config: Config;

  constructor(config: Config) {
    this.#config = config;
    this.#client = new CinetpayClient({ baseUrl: config.apiUrl, apikey: config.apikey, siteId: config.siteId, timeoutMs: config.timeoutMs });
  }

  async startPayment(request: PaymentRequest): Promise<ProviderResult<StartedPayment>> {
    const signed = signatureFields(request);
    const signature = await this.#client.getSignature(signed);
    if (!signature.ok) return err(providerError(signature.error));
    const { cpm_phone_prefix: prefix, ...rest } = signed;
    const fields: PaymentForm = {
      ...rest,
      cpm_site_id: this.#config.siteId,
      apikey: this.#config.apikey,
      signature: signature.value,
      notify_url: request.notifyUrl,
      return_url: request.returnUrl,
      cancel_url: request.cancelUrl,
      cpm_return_mode: RETURN_MODE,
      ...(prefix === undefined ? {} : { cpm_phone_prefixe: prefix }),
    };
    return ok({ navigation: { method: 'POST', action: this.#config.checkoutUrl, fields }, signature: signature.value });
  }

  async verify(expected: ExpectedPayment): Promise<ProviderResult<Verdict>> {
    // An error answer (even an Annexe I code) is no verdict on the payment: the caller keeps the order as it is and retries.
    const record = await this.#client.checkPayStatus(expected.transId);
    return record.ok ? ok(judge(record.value, expected, this.#config.siteId)) : err(providerError(record.error));
  }

  async balance(): Promise<ProviderResult<BalanceResponse>> {
    return neutral(await this.#client.getCompteStatus());
  }

  async transactions(filters: HistoryFilters): Promise<ProviderResult<readonly TransactionRecord[]>> {
    return neutral(await this.#client.getTransHistory(filters));
  }
}
