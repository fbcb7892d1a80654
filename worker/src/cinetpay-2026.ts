/**
 * CinetPay's 2026 API behind the `PaymentProvider` interface. A payment is
 * created server-side with a bearer token (cinetpay-2026-client.ts) and the
 * customer is sent to its `payment_url` by a plain navigation; the answer's
 * CinetPay transaction id is kept as the order's signature and its
 * `notify_token` beside it. A verification is the status call alone: paid
 * only if the status is SUCCESS with code 100, the status names both our
 * transaction id and the CinetPay transaction id stored at creation, and,
 * when the answer carries an amount and a currency, they are the order's.
 * The balance is `v1/balances`; there is no transaction history.
 */

import {
  API2026_CANCELLED_STATUSES,
  API2026_FAILED_STATUSES,
  API2026_SUCCESS,
  API2026_SUCCESS_CODE,
  type Api2026Currency,
  type Api2026StatusAnswer,
} from '../../shared/cinetpay/api2026-wire';
import type { BalanceResponse, Currency, HistoryFilters, TransactionRecord } from '../../shared/cinetpay/wire';
import { err, ok } from '../../shared/result';
import type { CfaZone } from './cfa-zone';
import { Cinetpay2026Client } from './cinetpay-2026-client';
import type { Config } from './config';
import type { ExpectedPayment, PaymentProvider, PaymentRequest, ProviderResult, StartedPayment, Verdict } from './payment-provider';

/** What the 2026 API calls our currencies: the catalog's franc CFA is the one of the account's zone (cfa-zone.ts). */
function api2026Currency(currency: Currency, zone: CfaZone): Api2026Currency {
  const names: Readonly<Record<Currency, Api2026Currency>> = { CFA: zone };
  return names[currency];
}

/** Judges a status answer against the order; the answer is trusted, the notification never is. */
export function judge2026(answer: Api2026StatusAnswer, expected: ExpectedPayment, zone: CfaZone): Verdict {
  const { code, status } = answer;
  if (status === API2026_SUCCESS && code === API2026_SUCCESS_CODE) {
    if (answer.merchant_transaction_id !== expected.transId || answer.transaction_id !== expected.signature) {
      return { kind: 'mismatch', code, reason: 'TRANS_ID_MISMATCH' };
    }
    if (answer.amount !== null && answer.amount !== expected.amount) return { kind: 'mismatch', code, reason: 'AMOUNT_MISMATCH' };
    if (answer.currency !== null && answer.currency !== api2026Currency(expected.currency, zone))
      return { kind: 'mismatch', code, reason: 'CURRENCY_MISMATCH' };
    return { kind: 'paid', code, paymentMethod: answer.payment_method ?? '', payId: answer.transaction_id, payerPhone: null };
  }
  if (API2026_CANCELLED_STATUSES.some((known) => known === status)) return { kind: 'cancelled', code };
  if (API2026_FAILED_STATUSES.some((known) => known === status)) return { kind: 'refused', code };
  // INITIATED, PENDING, SUCCESS with another code, and any status the API may add: nothing is decided yet.
  return { kind: 'pending', code };
}

export class Cinetpay2026 implements PaymentProvider {
  readonly #client: Cinetpay2026Client;
  readonly #zone: CfaZone;

  constructor(config: Config) {
    const { api2026 } = config;
    this.#zone = config.cfaZone;
    this.#client = new Cinetpay2026Client({
      baseUrl: api2026.baseUrl,
      apiKey: api2026.apiKey,
      apiPassword: api2026.apiPassword,
      timeoutMs: config.timeoutMs,
    });
  }

  async startPayment(request: PaymentRequest): Promise<ProviderResult<StartedPayment>> {
    const { customer } = request;
    // Checkout refuses a 2026 order without a customer; this is the provider's own guard.
    if (!customer) return err({ kind: 'unparseable', detail: 'payment: no customer name and email to send' });
    const created = await this.#client.payment({
      merchant_transaction_id: request.transId,
      amount: request.amount,
      currency: api2026Currency(request.currency, this.#zone),
      success_url: request.returnUrl,
      failed_url: request.returnUrl,
      notify_url: request.notifyUrl,
      lang: request.lang,
      designation: request.designation,
      client_first_name: customer.firstName,
      client_last_name: customer.lastName,
      client_email: customer.email,
      ...(request.phone ? { client_phone_number: `+${request.phone.prefix}${request.phone.number}` } : {}),
    });
    if (!created.ok) return created;
    const { paymentUrl, transactionId, notifyToken } = created.value;
    // The browser navigates there: only a web page will do, never javascript: or data:.
    if (!/^https?:\/\//.test(paymentUrl) || !URL.canParse(paymentUrl)) {
      return err({ kind: 'unparseable', detail: 'payment: payment_url is not an http(s) URL' });
    }
    return ok({ navigation: { method: 'GET', action: paymentUrl }, signature: transactionId, notifyToken });
  }

  async verify(expected: ExpectedPayment): Promise<ProviderResult<Verdict>> {
    // An error answer (an unknown transaction included) is no verdict on the payment: the order stays as it is.
    const answer = await this.#client.status(expected.transId);
    return answer.ok ? ok(judge2026(answer.value, expected, this.#zone)) : answer;
  }

  async balance(): Promise<ProviderResult<BalanceResponse>> {
    const answer = await this.#client.balances();
    if (!answer.ok) return answer;
    // One balance per account in 2026: shown for the account and the service alike; credits and debits are not reported.
    const balance = { solde: String(answer.value.available_balance), credit: '', debit: '' };
    return ok({ user: { compte: balance, service: balance } });
  }

  async transactions(_filters: HistoryFilters): Promise<ProviderResult<readonly TransactionRecord[]>> {
    return err({
      kind: 'unsupported',
      detail: "CinetPay's 2026 API has no transaction history (v1's getTransHistory); see the CinetPay back office",
    });
  }
}
